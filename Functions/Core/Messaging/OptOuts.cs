using Azure;
using Azure.Data.Tables;

namespace FollowUp.Core;

/// <summary>
/// Records opt-outs and suppressions (a STOP or START text, Twilio's 21610, a SendGrid bounce or
/// complaint): on the person's contact row, and on their open inquiry's timeline. For a number or address
/// FollowUp keeps no row of (an erased person, a stranger, a staff phone) it writes only the hashed mark
/// (<see cref="ErasedMarks"/>), so honouring an opt-out never stores the number or address itself.
/// </summary>
internal sealed class OptOuts(FollowUpStorage storage, ErasedMarks marks)
{
    public Task SetSmsOptOutAsync(string phone, bool optedOut, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        SetAsync(ContactEntity.PhoneKey(phone), sms: true, optedOut,
            optedOut ? "opted-out" : "opted-in", optedOut ? $"Texts stopped: {reason}." : $"Texts allowed again: {reason}.", reason, now, cancellationToken);

    public Task SuppressEmailAsync(string email, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        SetAsync(ContactEntity.EmailKey(email), sms: false, true, "email-suppressed", $"Email stopped: {reason}.", reason, now, cancellationToken);

    private async Task SetAsync(
        string key, bool sms, bool value, string eventType, string detail, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var property = sms ? nameof(ContactEntity.SmsOptedOut) : nameof(ContactEntity.EmailSuppressed);
        var found = await storage.FindContactAsync(key, cancellationToken);
        if (found is not null)
        {
            try
            {
                // Only on the row as read: one erased meanwhile is not written back (the mark below keeps the opt-out).
                await storage.Contacts.UpdateEntityAsync(
                    new TableEntity(key, key) { [property] = value, [nameof(ContactEntity.SuppressionReason)] = reason, [nameof(ContactEntity.SuppressionChangedAt)] = now },
                    ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                found = null;
            }
        }

        // A mark left by an earlier erasure or opt-out follows the change too, so START undoes the STOP it kept;
        // for a number or address with no row, the mark is all that is kept.
        await marks.SetAsync(key, sms ? value : null, sms ? null : value, onlyIfMarked: found is not null, cancellationToken);
        if (found?.OpenInquiryId is { } inquiryId && await storage.FindInquiryAsync(inquiryId, cancellationToken, [nameof(InquiryEntity.PartitionKey)]) is not null)
        {
            await storage.Inquiries.AddEntityAsync(InquiryRows.NewEvent(inquiryId, now, 0, eventType, detail, actor: "prospect"), cancellationToken);
        }
    }
}
