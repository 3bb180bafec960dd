using Azure.Data.Tables;

namespace FollowUp.Core;

/// <summary>
/// The one gate every message to a person passes as it is sent, whoever made it: consent (a text to a prospect
/// or referrer only on the consent recorded with it), opt-outs and the marks erased people leave, the countries
/// texts may go to, quiet hours and working hours, and the caps for every recipient: a referrer's one thank-you
/// per window, texts an hour per staff phone, texts a day to new numbers, and the day's SMS budget. What it
/// needs comes from the reads a send already makes (the outbox row and the recipient's contact row); the
/// counters it keeps are the only requests it adds, and they are taken in blocks.
/// </summary>
internal sealed class OutboundGate(
    SmsDestinations destinations,
    QuietHours quietHours,
    ReferrerThanksClaim referrerThanks,
    DailyTextCounter daily,
    StaffTextCap staffHours,
    ErasedMarks erased,
    StaffThreads threads,
    FollowUpStorage storage)
{
    /// <summary>What stands between a person and each channel, from their contact rows (as read) and the marks of the erased.</summary>
    public async Task<Reachability> ReachAsync(string? phone, string? email, IEnumerable<ContactEntity?> contacts, CancellationToken cancellationToken)
    {
        var rows = contacts.ToList();
        var sms = phone is not null && await OptedOutAsync(Channels.Sms, phone, rows.FirstOrDefault(c => c?.PartitionKey == ContactEntity.PhoneKey(phone)), cancellationToken) is not null;
        var mail = email is not null && await OptedOutAsync(Channels.Email, email, rows.FirstOrDefault(c => c?.PartitionKey == ContactEntity.EmailKey(email)), cancellationToken) is not null;
        return new Reachability(sms, mail, destinations.Refusal(phone));
    }

    /// <summary>Before a worker claims the row: a reason it must never go, or a time it must wait for; null when it may go now.</summary>
    public async Task<GateDecision?> CheckAsync(OutboxEntity row, ContactEntity? contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.Channel == Channels.Sms && MessageKinds.PartyOf(row.Kind) is not null && row.Consent is null)
        {
            return new GateDecision.Refuse("no consent to texts is recorded for it");
        }

        if (await OptedOutAsync(row.Channel, row.Recipient, contact, cancellationToken) is { } optedOut)
        {
            return new GateDecision.Refuse(optedOut);
        }

        if (row.Channel == Channels.Sms && !MessageKinds.IsForStaff(row.Kind) && destinations.Refusal(row.Recipient) is { } refusal)
        {
            return new GateDecision.Refuse($"the number may not be texted: {refusal}");
        }

        if (row.Kind == MessageKinds.ReferrerThanks && await referrerThanks.RefusalAsync(row, contact, now, cancellationToken) is { } thanked)
        {
            return new GateDecision.Refuse(thanked);
        }

        return quietHours.DeferUntil(row.Kind, row.Channel, row.RecipientTimeZone, now, row.RecipientHours) is { } until
            ? new GateDecision.Hold(until, MessageKinds.IsForStaff(row.Kind) ? "outside business hours" : "quiet hours")
            : null;
    }

    /// <summary>Once the row is claimed: counts it against the caps (so a message delivered twice counts once); a hold when a cap is used up.</summary>
    public async Task<GateDecision.Hold?> CountAsync(OutboxEntity row, ContactEntity? contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await daily.WaitAsync(row, contact, now, cancellationToken) is var (tomorrow, why))
        {
            return new GateDecision.Hold(tomorrow, why);
        }

        return await staffHours.WaitAsync(row, contact, now, cancellationToken) is { } nextHour
            ? new GateDecision.Hold(nextHour, "this phone had its texts for the hour")
            : null;
    }

    /// <summary>
    /// After the provider took the message (at <paramref name="sentAt"/>): a number texted for the first time is
    /// no longer new, and a staff phone's bare commands now mean this inquiry.
    /// </summary>
    public async Task SentAsync(OutboxEntity row, ContactEntity? contact, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        if (row.Channel != Channels.Sms)
        {
            return;
        }

        if (!MessageKinds.IsForStaff(row.Kind) && contact is { TextedAt: null })
        {
            // Only on the row that is there: a contact erased meanwhile is not written back.
            var key = ContactEntity.PhoneKey(row.Recipient);
            try
            {
                await storage.Contacts.UpdateEntityAsync(new TableEntity(key, key) { [nameof(ContactEntity.TextedAt)] = sentAt }, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404)
            {
            }
        }
        else if (MessageKinds.IsAboutInquiry(row.Kind))
        {
            await threads.DeliveredAsync(row.Recipient, row.PartitionKey, row.MessageId, row.Kind, sentAt, cancellationToken);
        }
    }

    /// <summary>The message will never go (refused, failed): a forward no longer waits on its staff phone.</summary>
    public Task NotSentAsync(OutboxEntity row, CancellationToken cancellationToken) =>
        row.Kind == MessageKinds.ProspectReply ? threads.NoLongerWaitingAsync(row.Recipient, row.PartitionKey, row.MessageId, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// For a message kept in no outbox (the weekly summary to managers): why it may not go now, else null and it
    /// has been counted. It is not held for later: the caller drops it.
    /// </summary>
    public async Task<string?> PermitDirectAsync(OutgoingMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = InquiryRows.NewOutbox(message.InquiryId, message.MessageId, message.Kind, message.Channel, message.To, message.Subject, message.Body, now);
        var contact = await storage.FindContactAsync(ContactKey(row.Channel, row.Recipient), cancellationToken);
        if (await OptedOutAsync(row.Channel, row.Recipient, contact, cancellationToken) is { } optedOut)
        {
            return optedOut;
        }

        return await CountAsync(row, contact, now, cancellationToken) is { } held ? $"{held.Why} (until {held.Until:u})" : null;
    }

    /// <summary>Why nothing may go to this number or address by this channel: a STOP or suppression on its row, or the mark it left when erased.</summary>
    private async Task<string?> OptedOutAsync(string channel, string recipient, ContactEntity? contact, CancellationToken cancellationToken)
    {
        if (contact is { } c && (channel == Channels.Sms ? c.SmsOptedOut : c.EmailSuppressed))
        {
            return c.SuppressionReason ?? "the recipient opted out";
        }

        var (sms, email) = await erased.FlagsAsync(ContactKey(channel, recipient), cancellationToken);
        return (channel == Channels.Sms ? sms : email) ? "the recipient opted out (kept after their data was erased)" : null;
    }

    public static string ContactKey(string channel, string recipient) =>
        channel == Channels.Sms ? ContactEntity.PhoneKey(recipient) : ContactEntity.EmailKey(recipient);
}
