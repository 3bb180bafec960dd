using System.Globalization;
using Azure.Data.Tables;

namespace FollowUp.Reports;

/// <summary>One day's figures for one owner or source: a rollup row (<c>rollup</c> / <c>{yyyy-MM-dd}|{dimension}|{key}</c>).</summary>
internal sealed record DayFigures(
    DateOnly Day, string Dimension, string Key, string Name, int Inquiries, int Contacted, int InWindow, int Lapsed, int Escalations, int NoNews, int Attempts,
    int Unanswered, IReadOnlyList<int> Minutes, StatusLinkUse Link = default, CallFigures? Calls = null)
{
    public const string Marker = "day";

    public static DayFigures Of(DateOnly day, string dimension, string key, string name, IEnumerable<LeadFacts> facts)
    {
        var list = facts.ToList();
        return new(day, dimension, key, name, list.Count, list.Count(f => f.MinutesToContact is not null), list.Count(f => f.InWindow),
            list.Sum(f => f.Lapsed), list.Sum(f => f.Escalations), list.Sum(f => f.NoNews), list.Sum(f => f.Attempts), list.Count(f => f.Unanswered),
            [.. list.Where(f => f.MinutesToContact is not null).Select(f => f.MinutesToContact!.Value)], list.Aggregate(default(StatusLinkUse), (sum, f) => sum + f.Link),
            CallFigures.Sum(list.Select(f => f.Calls ?? CallFigures.None)) is { IsNone: false } calls ? calls : null);
    }

    public TableEntity ToRow(string partition) => new(partition, $"{Day:yyyy-MM-dd}|{Dimension}|{Uri.EscapeDataString(Key)}")
    {
        ["Name"] = Name, ["Inquiries"] = Inquiries, ["Contacted"] = Contacted, ["InWindow"] = InWindow, ["Lapsed"] = Lapsed,
        ["Escalations"] = Escalations, ["NoNews"] = NoNews, ["Attempts"] = Attempts, ["Unanswered"] = Unanswered,
        ["Minutes"] = string.Join(',', Minutes),
        ["LinksSent"] = Link.Sent, ["LinksOpened"] = Link.Opened, ["TimesMoved"] = Link.Moved, ["Withdrew"] = Link.Withdrew, ["DetailsAdded"] = Link.Detailed,
        ["CallsAnswered"] = Calls?.Answered ?? 0, ["CallsMissed"] = Calls?.Missed ?? 0, ["TextedBack"] = Calls?.TextedBack ?? 0,
        ["TextBackSeconds"] = string.Join(',', Calls?.TextBackSeconds ?? []), ["Voicemails"] = Calls?.Voicemails ?? 0, ["Callbacks"] = Calls?.Callbacks ?? 0,
        ["CallbacksReached"] = Calls?.CallbacksReached ?? 0, ["FirstContactsByCall"] = Calls?.FirstContactsByCall ?? 0,
    };

    public static DayFigures Read(TableEntity row)
    {
        var parts = row.RowKey.Split('|', 3);
        int Int(string name) => row.GetInt32(name) ?? 0;
        return new(DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), parts[1], Uri.UnescapeDataString(parts.ElementAtOrDefault(2) ?? ""),
            row.GetString("Name") ?? "", Int("Inquiries"), Int("Contacted"), Int("InWindow"), Int("Lapsed"), Int("Escalations"), Int("NoNews"), Int("Attempts"), Int("Unanswered"),
            Ints(row.GetString("Minutes")),
            new StatusLinkUse(Int("LinksSent"), Int("LinksOpened"), Int("TimesMoved"), Int("Withdrew"), Int("DetailsAdded")),
            new CallFigures(Int("CallsAnswered"), Int("CallsMissed"), Int("TextedBack"), Ints(row.GetString("TextBackSeconds")), Int("Voicemails"), Int("Callbacks"),
                Int("CallbacksReached"), Int("FirstContactsByCall")) is { IsNone: false } calls ? calls : null);
    }

    private static int[] Ints(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(m => int.Parse(m, CultureInfo.InvariantCulture))];
}
