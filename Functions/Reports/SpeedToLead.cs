using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Reports;

/// <summary>
/// How fast the business really answers: for the inquiries received in a period (by the business's own
/// dates), per owner and per source. Each ended day's figures are kept as rollup rows, worked out from that
/// day's inquiries and again every night (<see cref="RollUpAsync"/>) until the day is <see cref="SettledAfter"/>
/// old, when late contacts and lapses have had time to happen. A report reads the rollup rows of every day
/// but today, which it works out from today's inquiries, so its cost follows the length of the period, not
/// the number of inquiries.
/// </summary>
internal sealed class SpeedToLead(FollowUpStorage storage, BusinessCalendar calendar, IOptions<BusinessOptions> business, TimeProvider time)
{
    /// <summary>After this, a day's inquiries rarely change what the report says about them, so its rollup is kept.</summary>
    public static readonly TimeSpan SettledAfter = TimeSpan.FromDays(14);

    private const string Partition = "rollup";

    public async Task<SpeedReport> ReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var kept = new Dictionary<DateOnly, List<DayFigures>>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {Day(from)} and RowKey lt {Day(to.AddDays(1))}");
        await foreach (var row in storage.Runtime.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var figures = DayFigures.Read(row);
            (kept.TryGetValue(figures.Day, out var list) ? list : kept[figures.Day] = []).Add(figures);
        }

        var all = new List<DayFigures>();
        var storageReads = 1;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (kept.TryGetValue(day, out var rows))
            {
                all.AddRange(rows.Where(r => r.Dimension != DayFigures.Marker));
                continue;
            }

            var (figures, reads) = await WorkOutAsync(day, cancellationToken);
            storageReads += reads;
            all.AddRange(figures);
            if (business.Value.StartOf(day.AddDays(1)) <= now)
            {
                await KeepAsync(day, figures, cancellationToken); // an ended day: kept, and refreshed nightly until it settles
            }
        }

        var total = Lines([.. all.Where(f => f.Dimension == "owner").Select(f => f with { Dimension = "total", Key = "all", Name = "Everyone" })], "total");
        return new SpeedReport(from, to, total.SingleOrDefault() ?? new ReportLine("total", "all", "Everyone", 0, 0, null, null, null, 0, 0, 0, 0, 0),
            Lines(all, "owner"), Lines(all, "source"), storageReads);
    }

    /// <summary>
    /// The nightly roll-up (<c>RollUpReports</c>): works out again every ended day that has not settled yet, so
    /// late contacts, lapses and replies reach its rollup, and a report reads rollups for every day but today.
    /// </summary>
    public async Task<int> RollUpAsync(CancellationToken cancellationToken)
    {
        var today = business.Value.LocalDay(time.GetUtcNow());
        var days = 0;
        for (var day = today.AddDays(-(int)SettledAfter.TotalDays - 1); day < today; day = day.AddDays(1))
        {
            var (figures, _) = await WorkOutAsync(day, cancellationToken);
            var old = new List<TableEntity>();
            await foreach (var row in storage.Runtime.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {Day(day)} and RowKey lt {Day(day.AddDays(1))}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                old.Add(row);
            }

            // Rows for owners or sources the day no longer has go; the rest are replaced.
            var fresh = figures.Select(f => f.ToRow(Partition).RowKey).Append(Day(day) + DayFigures.Marker + "|").ToHashSet(StringComparer.Ordinal);
            await storage.Runtime.DeleteRowsAsync(old.Where(r => !fresh.Contains(r.RowKey)), cancellationToken);

            await KeepAsync(day, figures, cancellationToken);
            days++;
        }

        return days;
    }

    /// <summary>The report as CSV: one line per owner and per source.</summary>
    public static string Csv(SpeedReport report)
    {
        var csv = new StringBuilder("dimension,key,name,inquiries,contacted,median_minutes,p90_minutes,contacted_in_window,lapsed_promises,escalations,no_news_sent,attempts_per_inquiry,replies_unanswered,"
            + "status_links_sent,opened_link,moved_time,withdrew,added_detail,"
            + "calls_answered,calls_missed,texted_back,median_text_back_seconds,voicemails,callbacks,callbacks_reached,first_contacts_by_call\r\n");
        foreach (var line in report.Owners.Prepend(report.Total).Concat(report.Sources))
        {
            string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
            csv.Append(string.Join(',', line.Dimension, CsvCell.Of(line.Key), CsvCell.Of(line.Name), line.Inquiries, line.Contacted, Number(line.MedianMinutes), Number(line.P90Minutes),
                Number(line.ContactedInWindow), line.LapsedPromises, line.Escalations, line.NoNewsSent, Number(line.AttemptsPerInquiry), line.RepliesUnanswered,
                line.StatusLink?.Sent ?? 0, Number(line.StatusLink?.Opened), Number(line.StatusLink?.MovedTime), Number(line.StatusLink?.Withdrew), Number(line.StatusLink?.AddedDetail),
                line.Calls?.Answered ?? 0, line.Calls?.Missed ?? 0, line.Calls?.TextedBack ?? 0, Number(line.Calls?.MedianTextBackSeconds), line.Calls?.Voicemails ?? 0,
                line.Calls?.Callbacks ?? 0, line.Calls?.CallbacksReached ?? 0, line.Calls?.FirstContactsByCall ?? 0)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>A day's figures from its inquiries: one query for the day's inquiry rows, one per inquiry for the rest of it.</summary>
    private async Task<(List<DayFigures> Figures, int Reads)> WorkOutAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var facts = new List<LeadFacts>();
        var reads = 1;
        var headers = InquiryRows.Headers($"PartitionKey ge {IdGenerator.TimePrefix(business.Value.StartOf(day))} and PartitionKey lt {IdGenerator.TimePrefix(business.Value.StartOf(day.AddDays(1)))}");
        await foreach (var inquiry in storage.Inquiries.QueryAsync<InquiryEntity>(headers, cancellationToken: cancellationToken))
        {
            var (lapses, escalations, noNews, attempts) = (0, 0, 0, 0);
            var calls = new CallFigures.Tally();
            reads++;
            await foreach (var row in storage.Inquiries.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {inquiry.Id}"), select: ["RowKey", "Type", "Kind", "State", .. CallFigures.Columns], cancellationToken: cancellationToken))
            {
                CallFigures.Count(row, inquiry, calls);
                var type = row.GetString("Type");
                lapses += type == "ladder-lapse" ? 1 : 0;
                escalations += type == "ladder-escalate" ? 1 : 0;
                noNews += row.GetString("Kind") == MessageKinds.NoNews && row.GetString("State") == OutboxState.Sent ? 1 : 0;
                attempts += row.RowKey.StartsWith(AttemptEntity.Prefix, StringComparison.Ordinal) ? 1 : 0;
            }

            var (minutes, inPromise) = FirstContact(inquiry);
            facts.Add(new LeadFacts(inquiry.OwnerId ?? "", inquiry.OwnerName ?? "Unassigned", inquiry.Source, minutes,
                inPromise, lapses, escalations, noNews, attempts, inquiry.ReplyPendingSince is not null, StatusLinkUse.Of(inquiry), calls.ToFigures()));
        }

        List<DayFigures> figures =
        [
            .. facts.GroupBy(f => (f.OwnerId, f.OwnerName)).Select(g => DayFigures.Of(day, "owner", g.Key.OwnerId, g.Key.OwnerName, g)),
            .. facts.GroupBy(f => f.Source).Select(g => DayFigures.Of(day, "source", g.Key, g.Key, g)),
        ];
        return (figures, reads);
    }

    /// <summary>
    /// Minutes to the first contact and whether it kept the first promise (or the time the prospect moved it to), as decided when it happened; for
    /// inquiries stored before that was kept, worked out again with today's hours and windows.
    /// </summary>
    private (int? Minutes, bool InPromise) FirstContact(InquiryEntity inquiry)
    {
        if (inquiry.FirstContactedAt is not { } first)
        {
            return (null, false);
        }

        if (inquiry is { FirstContactMinutes: { } minutes, FirstContactInPromise: { } kept })
        {
            return (minutes, kept);
        }

        var kind = inquiry.ReferrerName is not null ? InquiryKind.Referral : inquiry.Imported ? InquiryKind.Import : InquiryKind.WebForm;
        var promised = inquiry.CallbackAt ?? inquiry.FirstRespondBy ?? calendar.RespondBy(inquiry.CreatedAt, kind);
        return ((int)Math.Round(calendar.BusinessTimeBetween(inquiry.CreatedAt, first).TotalMinutes), first <= promised);
    }

    /// <summary>Keeps a settled day's figures, with a marker row so that a day without inquiries is not worked out again.</summary>
    private async Task KeepAsync(DateOnly day, List<DayFigures> figures, CancellationToken cancellationToken)
    {
        foreach (var batch in figures.Append(new DayFigures(day, DayFigures.Marker, "", "", 0, 0, 0, 0, 0, 0, 0, 0, [])).Select(f => f.ToRow(Partition)).Chunk(100))
        {
            await storage.Runtime.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }
    }

    internal static List<ReportLine> Lines(List<DayFigures> all, string dimension) =>
        [.. all.Where(f => f.Dimension == dimension).GroupBy(f => f.Key).Select(g =>
        {
            var minutes = g.SelectMany(f => f.Minutes).Order().ToList();
            var inquiries = g.Sum(f => f.Inquiries);
            var contacted = g.Sum(f => f.Contacted);
            return new ReportLine(
                dimension, g.Key, g.Last().Name, inquiries, contacted, Percentile(minutes, 0.5), Percentile(minutes, 0.9),
                inquiries == 0 ? null : Math.Round((double)g.Sum(f => f.InWindow) / inquiries, 2),
                g.Sum(f => f.Lapsed), g.Sum(f => f.Escalations), g.Sum(f => f.NoNews),
                inquiries == 0 ? 0 : Math.Round((double)g.Sum(f => f.Attempts) / inquiries, 2), g.Sum(f => f.Unanswered),
                g.Aggregate(default(StatusLinkUse), (sum, f) => sum + f.Link).Shares(),
                CallFigures.Sum(g.Select(f => f.Calls ?? CallFigures.None)) is { IsNone: false } calls
                    ? new CallLine(calls.Answered, calls.Missed, calls.TextedBack, Percentile([.. calls.TextBackSeconds.Order()], 0.5), calls.Voicemails, calls.Callbacks,
                        calls.CallbacksReached, calls.FirstContactsByCall)
                    : null);
        }).OrderByDescending(l => l.Inquiries).ThenBy(l => l.Name, StringComparer.Ordinal)];

    /// <summary>The nearest-rank percentile (the value at or below which <paramref name="share"/> of them fall).</summary>
    internal static double? Percentile(List<int> sorted, double share) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "|";
}
