using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;
using Microsoft.Extensions.Options;

namespace FollowUp.Notifications;

/// <summary>
/// At most <see cref="SmsLimitsOptions.StaffTextsPerHour"/> texts an hour (UTC clock hours) to one staff phone,
/// counted on the phone's contact row (<c>TextsHour</c>, <c>TextsInHour</c>) under its ETag as each text goes;
/// past it, texts wait for the next hour. Whatever strangers make the app do, it cannot page a person without end.
/// </summary>
internal sealed class StaffTextCap(FollowUpStorage storage, IOptions<SmsLimitsOptions> limits, ILogger<StaffTextCap> logger)
{
    /// <summary>Until when a text to staff must wait because the phone had its texts this hour; null when it may go (and it has been counted).</summary>
    public async Task<DateTimeOffset?> WaitAsync(OutboxEntity row, ContactEntity? contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.Channel != Channels.Sms || !MessageKinds.IsForStaff(row.Kind) || row.Kind == MessageKinds.SmsCapReached)
        {
            return null;
        }

        var key = ContactEntity.PhoneKey(row.Recipient);
        var start = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        var hour = start.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var sent = contact?.TextsHour == hour ? contact.TextsInHour : 0;
            if (sent >= limits.Value.StaffTextsPerHour)
            {
                NotificationsLog.StaffHourFull(logger, Mask.Phone(row.Recipient), start.AddHours(1));
                return start.AddHours(1);
            }

            var count = new TableEntity(key, key) { [nameof(ContactEntity.TextsHour)] = hour, [nameof(ContactEntity.TextsInHour)] = sent + 1 };
            try
            {
                await (contact is null
                    ? storage.Contacts.AddEntityAsync(count, cancellationToken)
                    : storage.Contacts.UpdateEntityAsync(count, contact.ETag, TableUpdateMode.Merge, cancellationToken));
                return null;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                contact = await storage.FindContactAsync(key, cancellationToken);
            }
        }

        return now + TimeSpan.FromSeconds(15); // the row is too busy to count on: look again shortly
    }
}
