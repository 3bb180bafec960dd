using System.Globalization;
using Azure.Data.Tables;

namespace FollowUp.Reports;

/// <summary>One day's figures for one owner or source: a rollup row (<c>rollup</c> / <c>{yyyy-MM-dd}|{dimension}|{key}</c>).</summary>
internal sealed record DayFigures(
    DateOnly Day, string Dimension, string Key, string Name, int Inquiries, int Contacted, int InWindow, int Lapsed, int Escalations, int NoNews, int Attempts,
    int Unanswered, IReadOnlyList<int> Minutes, StatusLinkUse Link = default)
{
    public const string Marker = "day";

    public static DayFigures Of(DateOnly day, string dimension, string key, string name, IEnumerable<LeadFacts> facts)
    {
        var list = facts.ToList();
        return new(day, dimension, key, name, list.Count, list.Count(f => f.MinutesToContact is not null), list.Count(f => f.InWindow),
            list.Sum(f => f.Lapsed), list.Sum(f => f.Escalations), list.Sum(f => f.NoNews), list.Sum(f => f.Attempts), list.Count(f => f.Unanswered),
            [.. list.Where(f => f.MinutesToContact is not null).Select(f => f.MinutesToContact!.Value)], list.Aggregate(default(StatusLinkUse), (sum, f) => sum + f.Link));
    }

    public TableEntity ToRow(string partition) => new(partition, $"{Day:yyyy-MM-dd}|{Dimension}|{Uri.EscapeDataString(Key)}")
    {
        ["Name"] = Name, ["Inquiries"] = Inquiries, ["Contacted"] = Contacted, ["InWindow"] = InWindow, ["Lapsed"] = Lapsed,
        ["Escalations"] = Escalations, ["NoNews"] = NoNews, ["Attempts"] = Attempts, ["Unanswered"] = Unanswered,
        ["Minutes"] = string.Join(',', Minutes),
        ["LinksSent"] = Link.Sent, ["LinksOpened"] = Link.Opened, ["TimesMoved"] = Link.Moved, ["Withdrew"] = Link.Withdrew, ["DetailsAdded"] = Link.Detailed,
    };

    public static DayFigures Read(TableEntity row)
    {
        var parts = row.RowKey.Split('|', 3);
        int Int(string name) => row.GetInt32(name) ?? 0;
        return new(DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), parts[1], Uri.UnescapeDataString(parts.ElementAtOrDefault(2) ?? ""),
            row.GetString("Name") ?? "", Int("Inquiries"), Int("Contacted"), Int("InWindow"), Int("Lapsed"), Int("Escalations"), Int("NoNews"), Int("Attempts"), Int("Unanswered"),
            [.. (row.GetString("Minutes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(m => int.Parse(m, CultureInfo.InvariantCulture))],
            new StatusLinkUse(Int("LinksSent"), Int("LinksOpened"), Int("TimesMoved"), Int("Withdrew"), Int("DetailsAdded")));
    }
}
