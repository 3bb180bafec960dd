using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// At most <see cref="SmsLimitsOptions.StaffTextsPerHour"/> texts an hour (UTC clock hours) to one staff phone,
/// counted on the phone's contact row (<c>TextsHour</c>, <c>TextsInHour</c>) under its ETag as each text goes;
/// past it, texts wait for the next hour. Whatever strangers make the app do, it cannot page a person without end.
/// </summary>
internal sealed class StaffTextCap(FollowUpStorage storage, IOptions<SmsLimitsOptions> limits, ILogger<StaffTextCap> logger)
{
    /// <summary>
    /// Texts to staff from this instance take turns at the counters (a burst of reminders to one owner would
    /// otherwise spend its tries refusing each other's ETags); only other instances can still collide.
    /// </summary>
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>What this instance last wrote to each staff phone's count (taken under <see cref="_turn"/>).</summary>
    private readonly Dictionary<string, Counted> _written = new(StringComparer.Ordinal);

    private sealed record Counted(string? Hour, int Texts, ETag ETag);

    /// <summary>Until when a text to staff must wait because the phone had its texts this hour; null when it may go (and it has been counted).</summary>
    public async Task<DateTimeOffset?> WaitAsync(OutboxEntity row, ContactEntity? contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.Channel != Channels.Sms || !MessageKinds.IsForStaff(row.Kind) || row.Kind == MessageKinds.SmsCapReached)
        {
            return null;
        }

        await _turn.WaitAsync(cancellationToken);
        try
        {
            return await CountAsync(row, contact, now, cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<DateTimeOffset?> CountAsync(OutboxEntity row, ContactEntity? contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = ContactEntity.PhoneKey(row.Recipient);
        var start = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        var hour = start.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
        var known = contact is null ? null : new Counted(contact.TextsHour, contact.TextsInHour, contact.ETag);
        if (_written.TryGetValue(key, out var mine))
        {
            known = mine; // this instance's own last count: newer than the row read before the claim, unless another instance wrote since
        }

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var sent = known?.Hour == hour ? known.Texts : 0;
            if (sent >= limits.Value.StaffTextsPerHour)
            {
                CoreLog.StaffHourFull(logger, Mask.Phone(row.Recipient), start.AddHours(1));
                return start.AddHours(1);
            }

            var count = new TableEntity(key, key) { [nameof(ContactEntity.TextsHour)] = hour, [nameof(ContactEntity.TextsInHour)] = sent + 1 };
            try
            {
                var response = await (known is null
                    ? storage.Contacts.AddEntityAsync(count, cancellationToken)
                    : storage.Contacts.UpdateEntityAsync(count, known.ETag, TableUpdateMode.Merge, cancellationToken));
                _written[key] = new Counted(hour, sent + 1, response.Headers.ETag ?? default);
                return null;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance counted first: read again, after a moment so both do not retry in step.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50)), cancellationToken);
                known = await storage.FindContactAsync(key, cancellationToken) is { } fresh ? new Counted(fresh.TextsHour, fresh.TextsInHour, fresh.ETag) : null;
            }
        }

        return now + TimeSpan.FromSeconds(15); // the row is too busy to count on: look again shortly
    }
}
