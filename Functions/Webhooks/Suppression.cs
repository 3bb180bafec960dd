using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Webhooks;

/// <summary>Records opt-outs and suppressions on the contact, and on the open inquiry's timeline.</summary>
internal static class Suppression
{
    public static Task SetSmsOptOutAsync(FollowUpStorage storage, string phone, bool optedOut, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        SetAsync(storage, ContactEntity.PhoneKey(phone), new ContactEntity { SmsOptedOut = optedOut }, nameof(ContactEntity.SmsOptedOut),
            optedOut ? "opted-out" : "opted-in", optedOut ? $"Texts stopped: {reason}." : $"Texts allowed again: {reason}.", reason, now, cancellationToken);

    public static Task SuppressEmailAsync(FollowUpStorage storage, string email, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        SetAsync(storage, ContactEntity.EmailKey(email), new ContactEntity { EmailSuppressed = true }, nameof(ContactEntity.EmailSuppressed),
            "email-suppressed", $"Email stopped: {reason}.", reason, now, cancellationToken);

    private static async Task SetAsync(
        FollowUpStorage storage, string key, ContactEntity change, string property, string eventType, string detail, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await storage.FindContactAsync(key, cancellationToken);
        var update = new TableEntity(key, key)
        {
            [property] = property == nameof(ContactEntity.SmsOptedOut) ? change.SmsOptedOut : change.EmailSuppressed,
            [nameof(ContactEntity.SuppressionReason)] = reason,
            [nameof(ContactEntity.SuppressionChangedAt)] = now,
        };
        await storage.Contacts.UpsertEntityAsync(update, TableUpdateMode.Merge, cancellationToken);

        if (found?.OpenInquiryId is { } inquiryId)
        {
            await storage.Inquiries.AddEntityAsync(InquiryRows.NewEvent(inquiryId, now, 0, eventType, detail, actor: "prospect"), cancellationToken);
        }
    }
}
