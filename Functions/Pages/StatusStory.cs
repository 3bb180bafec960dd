using Azure.Data.Tables;

namespace FollowUp.Pages;

/// <summary>
/// What has happened to an inquiry so far, told to its prospect in plain words ("Dana tried to call at 10:05 AM
/// today", "Dana spoke with you", "Closed"). Only what concerns them and only first names of staff: never staff
/// numbers, notes, codes, other people (a referrer) or the internal steps.
/// </summary>
internal sealed class StatusStory(FollowUpStorage storage)
{
    public async Task<IReadOnlyList<(DateTimeOffset At, string Text)>> TellAsync(InquiryEntity inquiry, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lines = new List<(DateTimeOffset, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {inquiry.Id}");
        await foreach (var row in storage.Inquiries.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var line = row.RowKey.StartsWith(AttemptEntity.Prefix, StringComparison.Ordinal) ? Attempt(row, zone, now)
                : row.RowKey.StartsWith(InquiryRows.EventPrefix, StringComparison.Ordinal) ? Event(row, zone, now)
                : null;
            if (line is not null && row.GetDateTimeOffset(nameof(TimelineEventEntity.At)) is { } at)
            {
                lines.Add((at, line));
            }
        }

        return [.. lines.OrderBy(l => l.Item1)];
    }

    private static string? Event(TableEntity row, TimeZoneInfo zone, DateTimeOffset now)
    {
        var when = TimeInWords.Describe(row.GetDateTimeOffset(nameof(TimelineEventEntity.At)) ?? now, now, zone);
        return row.GetString(nameof(TimelineEventEntity.Type)) switch
        {
            "received" => $"We received your request at {when}.",
            "received-again" => $"You sent your request again at {when}.",
            "callback-moved" => $"You picked a new time at {when}.",
            "detail-added" => $"You added a detail at {when}.",
            "withdrawn" => $"You told us you have sorted it at {when}. Closed.",
            "closed" => $"Closed at {when}.",
            "reopened" => $"Reopened at {when}.",
            _ => null,
        };
    }

    private static string Attempt(TableEntity row, TimeZoneInfo zone, DateTimeOffset now)
    {
        var who = PersonName.First(row.GetString(nameof(AttemptEntity.StaffName)) ?? "We");
        var at = row.GetDateTimeOffset(nameof(AttemptEntity.At)) ?? now;
        var when = TimeInWords.Describe(at, now, zone);
        var reached = row.GetString(nameof(AttemptEntity.Outcome)) == "reached";
        return (row.GetString(nameof(AttemptEntity.Channel)), reached) switch
        {
            ("phone", true) => $"{who} spoke with you at {when}.",
            ("phone", false) => $"{who} tried to call at {when}.",
            ("in-person", true) => $"{who} met with you at {when}.",
            ("in-person", false) => $"{who} tried to visit at {when}.",
            ("sms", _) => $"{who} texted you at {when}.",
            ("email", _) => $"{who} emailed you at {when}.",
            _ => $"{who} tried to reach you at {when}.",
        };
    }
}
