using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// A referrer is thanked at most once per duplicate window, however many people they refer: the thank-you
/// is claimed on their contact row, under its ETag, as it is sent, so two referrals at once thank them once.
/// </summary>
internal sealed class ReferrerThanksClaim(FollowUpStorage storage, IOptions<IntakeOptions> intake)
{
    /// <summary>Why this thank-you must not go; null when it is this referrer's one for the window (a retry of it may go).</summary>
    public async Task<string?> RefusalAsync(OutboxEntity row, ContactEntity? contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = row.Channel == Channels.Sms ? ContactEntity.PhoneKey(row.Recipient) : ContactEntity.EmailKey(row.Recipient);
        var window = intake.Value.DuplicateWindow;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (contact?.ReferrerThankedFor == row.PartitionKey)
            {
                return null;
            }

            if (contact?.ReferrerThankedAt is { } thanked && now - thanked < window)
            {
                return $"this referrer was already thanked at {thanked:u} for another referral (one thank-you per {window.TotalHours:0.#} hours, FollowUp:Intake:DuplicateWindow)";
            }

            var claim = new TableEntity(key, key) { [nameof(ContactEntity.ReferrerThankedAt)] = now, [nameof(ContactEntity.ReferrerThankedFor)] = row.PartitionKey };
            try
            {
                if (contact is null)
                {
                    await storage.Contacts.AddEntityAsync(claim, cancellationToken);
                }
                else
                {
                    await storage.Contacts.UpdateEntityAsync(claim, contact.ETag, TableUpdateMode.Merge, cancellationToken);
                }

                return null;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                contact = await storage.FindContactAsync(key, cancellationToken);
            }
        }

        return "the referrer's row kept changing, so the one thank-you per window could not be checked";
    }
}
