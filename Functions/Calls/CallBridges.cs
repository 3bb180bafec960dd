using Microsoft.Extensions.Options;

namespace FollowUp.Calls;

/// <summary>
/// The staff leg of a click-to-call, answered: dial the prospect from the business number; when that dial ends, log
/// the attempt by itself: <c>reached</c> when the prospect's leg lasted <see cref="CallOptions.ReachedAfter"/>,
/// <c>voicemail</c> when answering-machine detection heard a machine, else <c>no-answer</c>.
/// </summary>
internal sealed class CallBridges(
    FollowUpStorage storage, ICallAttempts attempts, TimeProvider time, IOptions<CallOptions> options, IOptions<TwilioOptions> twilio,
    IOptions<PublicUrlOptions> urls, ILogger<CallBridges> logger)
{
    /// <summary>The TwiML of the answered staff leg; null when the inquiry has no such call.</summary>
    public async Task<string?> BridgeAsync(string inquiryId, string staffId, string callSid, CancellationToken cancellationToken)
    {
        if (await FindAsync(inquiryId, callSid, cancellationToken) is not { StaffId: var caller } || caller != staffId
            || await storage.FindInquiryAsync(inquiryId, cancellationToken) is not { Phone: { } prospect })
        {
            return null;
        }

        var callerId = options.Value.CallerId is { Length: > 0 } configured ? configured : twilio.Value.FromNumber!;
        return VoiceTwiml.Bridge(prospect, callerId, options.Value.RingFor, inquiryId, staffId, callSid, urls.Value);
    }

    /// <summary>Twilio's answering-machine detection on the prospect's leg (<c>AnsweredBy</c>); false when the inquiry has no such call.</summary>
    public Task<bool> DetectedAsync(string inquiryId, string callSid, string answeredBy, CancellationToken cancellationToken) =>
        storage.Inquiries.ChangeAsync<CallEntity, bool>(inquiryId, CallEntity.Row(callSid), call =>
        {
            if (call is null)
            {
                return RowChange<CallEntity, bool>.Stop(false);
            }

            call.AnsweredBy = answeredBy;
            return RowChange<CallEntity, bool>.Save(call, true);
        }, () => false, cancellationToken);

    /// <summary>The bridge's <c>&lt;Dial action&gt;</c>: the attempt, logged once; false when the inquiry has no such call.</summary>
    public async Task<bool> BridgedAsync(string inquiryId, string callSid, string dialStatus, int seconds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var outcome = "";
        var ended = await storage.Inquiries.ChangeAsync<CallEntity, CallEntity?>(inquiryId, CallEntity.Row(callSid), call =>
        {
            if (call is null || call.Outcome != CallEntity.Ringing)
            {
                return RowChange<CallEntity, CallEntity?>.Stop(call is null ? null : new CallEntity { Outcome = "" });
            }

            outcome = call.AnsweredBy?.StartsWith("machine", StringComparison.Ordinal) == true ? ContactOutcomes.Voicemail
                : dialStatus is "completed" or "answered" && seconds >= options.Value.ReachedAfter.TotalSeconds ? ContactOutcomes.Reached
                : ContactOutcomes.NoAnswer;
            (call.Outcome, call.Seconds, call.AnsweredAt) = (outcome, seconds, now);
            return RowChange<CallEntity, CallEntity?>.Save(call, call);
        }, () => null, cancellationToken);
        if (ended is null)
        {
            return false;
        }

        if (ended.StaffId is { } staffId)
        {
            // Logged by the call itself: measured, not typed in. The cap was checked when the call was placed.
            await attempts.LogAsync(inquiryId, staffId, outcome, $"{ended.StaffName} called: {outcome} ({seconds} s on the line, measured by the call).", capped: false, cancellationToken);
            CallsLog.Bridged(logger, callSid, inquiryId, outcome, seconds);
        }

        return true;
    }

    private async Task<CallEntity?> FindAsync(string inquiryId, string callSid, CancellationToken cancellationToken)
    {
        var found = await storage.Inquiries.GetEntityIfExistsAsync<CallEntity>(inquiryId, CallEntity.Row(callSid), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
