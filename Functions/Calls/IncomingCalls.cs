using Microsoft.Extensions.Options;

namespace FollowUp.Calls;

/// <summary>
/// Calls to the business number: in opening hours they ring the people on duty (the rotation's next person, or
/// everyone at once); outside hours, or when nobody answers, the call is missed (an inquiry and a text-back) and
/// the caller is offered voicemail. A call staff answer is contact made (<see cref="AnsweredCalls"/>).
/// </summary>
internal sealed class IncomingCalls(
    StaffDirectory directory,
    OwnerRotation rotation,
    BusinessCalendar calendar,
    MissedCalls missed,
    AnsweredCalls answered,
    CallerRings rings,
    TimeProvider time,
    IOptions<CallOptions> options,
    IOptions<BusinessOptions> business,
    IOptions<PublicUrlOptions> urls)
{
    /// <summary>Twilio's <c>DialCallStatus</c> values of a dial nobody answered.</summary>
    private static readonly string[] NotAnswered = ["no-answer", "busy", "failed", "canceled"];

    /// <summary>The TwiML for a call that just came in.</summary>
    public async Task<string> ArriveAsync(string callSid, string from, string to, string? callerName, CancellationToken cancellationToken)
    {
        if (!CallerNames.IsPhone(from))
        {
            return VoiceTwiml.Closed(Greeting());
        }

        var now = time.GetUtcNow();
        var onDuty = calendar.NextOpening(now, business.Value.FindZone()) == now && rings.MayRing(from)
            ? await OnDutyAsync(cancellationToken)
            : [];
        if (options.Value.Ring == CallOptions.Rotation && onDuty.Count > 1
            && await rotation.PeekAsync(CallOptions.MissedSource, cancellationToken) is { Mobile: not null } next && onDuty.Any(s => s.Id == next.Id))
        {
            return VoiceTwiml.Ring([next], callSid, from, to, options.Value.RingFor, urls.Value, first: true);
        }

        if (onDuty.Count > 0)
        {
            return VoiceTwiml.Ring(onDuty, callSid, from, to, options.Value.RingFor, urls.Value);
        }

        return Voicemail(await missed.RecordAsync(callSid, from, callerName, cancellationToken));
    }

    /// <summary>
    /// The TwiML once the dial ended: when nobody answered, the rest of the people on duty after the rotation's first
    /// (<paramref name="rang"/>), else voicemail; when someone did, the end of the call.
    /// </summary>
    public async Task<string> DialedAsync(string callSid, string from, string to, string dialStatus, int? seconds, string? callerName, string? rang, CancellationToken cancellationToken)
    {
        if (NotAnswered.Contains(dialStatus) && CallerNames.IsPhone(from) && rang is not null && dialStatus != "canceled"
            && (await OnDutyAsync(cancellationToken)).Where(s => s.Id != rang).ToList() is { Count: > 0 } rest)
        {
            return VoiceTwiml.Ring(rest, callSid, from, to, options.Value.RingFor, urls.Value);
        }

        if (NotAnswered.Contains(dialStatus) && CallerNames.IsPhone(from))
        {
            return Voicemail(await missed.RecordAsync(callSid, from, callerName, cancellationToken));
        }

        if (seconds is { } duration)
        {
            await answered.LastedAsync(callSid, from, duration, cancellationToken);
        }

        return VoiceTwiml.Hangup();
    }

    private string Voicemail(string inquiryId) => VoiceTwiml.Voicemail(Greeting(), inquiryId, options.Value.MaxVoicemail, urls.Value);

    private string Greeting() => MessageTemplates.Render(options.Value.VoicemailGreeting, ("Business", business.Value.Name));

    /// <summary>The people on duty with a mobile to ring.</summary>
    private async Task<List<StaffEntity>> OnDutyAsync(CancellationToken cancellationToken) =>
        [.. (await directory.ListAsync(cancellationToken)).Where(s => s.OnDuty && s.Mobile is not null).OrderBy(s => s.Id, StringComparer.Ordinal)];
}
