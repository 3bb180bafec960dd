namespace FollowUp.Calls;

/// <summary>
/// A call staff answered is contact made: it joins the caller's open inquiry (or starts one, source <c>phone call</c>,
/// with no text-back) and is logged as an attempt <c>phone</c>/<c>reached</c> by whoever answered, when they answered,
/// once however often Twilio delivers the answer.
/// </summary>
internal sealed class AnsweredCalls(StaffDirectory directory, IInquiryIntake intake, ICallAttempts attempts, FollowUpStorage storage, TimeProvider time)
{
    /// <summary>
    /// <paramref name="staffId"/> answered call <paramref name="callSid"/> from <paramref name="caller"/>: the call joins the
    /// caller's open inquiry (or starts one, with no text-back), and is logged as contact made by them, now.
    /// Null when the staff member is unknown.
    /// </summary>
    public async Task<string?> AnsweredAsync(string callSid, string caller, string staffId, CancellationToken cancellationToken)
    {
        if ((await directory.ListAsync(cancellationToken)).FirstOrDefault(s => s.Id == staffId) is not { } staff || !CallerNames.IsPhone(caller))
        {
            return null;
        }

        if (await storage.FindContactAsync(ContactEntity.PhoneKey(caller), cancellationToken) is { OpenInquiryId: { } openId }
            && (await storage.Inquiries.GetEntityIfExistsAsync<CallEntity>(openId, CallEntity.Row(callSid), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue)
        {
            return VoiceTwiml.Connect(); // Twilio asked again about the same answer: counted once
        }

        var prospect = new Prospect(CallerNames.For(caller, null), null, caller, null, Channels.Sms, CallOptions.AnsweredSource, null, false);
        var inquiry = (await intake.SubmitAsync(new Submission(prospect, null, Acknowledge: false, Called: true), cancellationToken)).Inquiry;
        var now = time.GetUtcNow();
        try
        {
            await storage.Inquiries.AddEntityAsync(new CallEntity
            {
                PartitionKey = inquiry.Id, RowKey = CallEntity.Row(callSid), At = now, Outcome = CallEntity.Answered,
                StaffId = staff.Id, StaffName = staff.Name, AnsweredAt = now,
            }, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 409)
        {
            return VoiceTwiml.Connect(); // the same answer, delivered twice at once: counted once
        }

        await attempts.LogAsync(inquiry.Id, staff.Id, ContactOutcomes.Reached, $"{staff.Name} answered a call from {inquiry.Name}.", capped: false, cancellationToken);
        return VoiceTwiml.Connect();
    }

    /// <summary>Keeps how long an answered call lasted (Twilio's <c>DialCallDuration</c>) on the call row its answer made.</summary>
    public async Task LastedAsync(string callSid, string caller, int seconds, CancellationToken cancellationToken)
    {
        if (await storage.FindContactAsync(ContactEntity.PhoneKey(caller), cancellationToken) is not { OpenInquiryId: { } inquiryId })
        {
            return;
        }

        await storage.Inquiries.ChangeAsync<CallEntity, bool>(inquiryId, CallEntity.Row(callSid), call =>
        {
            if (call is null)
            {
                return RowChange<CallEntity, bool>.Stop(false);
            }

            call.Seconds = seconds;
            return RowChange<CallEntity, bool>.Save(call, true);
        }, () => false, cancellationToken);
    }
}
