using FollowUp.Reports;

namespace FollowUp.Tests.Reports;

/// <summary>How a day's inquiries become figures, and days of figures a report line: medians, the 90th percentile and shares.</summary>
[Trait("Category", "Unit")]
public sealed class SpeedFiguresTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static LeadFacts Fact(int? minutes, bool inWindow, int lapsed = 0, int escalations = 0, int noNews = 0, int attempts = 0, bool unanswered = false) =>
        new("dana", "Dana Reyes", "web form", minutes, inWindow, lapsed, escalations, noNews, attempts, unanswered);

    private static DayFigures Owner(DateOnly day, string key, string name, int inquiries, int inWindow, int attempts, params int[] minutes) =>
        new(day, "owner", key, name, inquiries, minutes.Length, inWindow, 0, 0, 0, attempts, 0, minutes);

    [Fact]
    public void A_days_figures_count_contacts_in_the_window_and_sum_the_rest()
    {
        var day = DayFigures.Of(Monday, "owner", "dana", "Dana Reyes",
        [
            Fact(5, inWindow: true, attempts: 2),
            Fact(null, inWindow: false, lapsed: 1, escalations: 1, noNews: 1, unanswered: true), // never reached
            Fact(30, inWindow: false, lapsed: 1, attempts: 1),
        ]);

        Assert.Equal((3, 2, 1, 2, 1, 1, 3, 1), (day.Inquiries, day.Contacted, day.InWindow, day.Lapsed, day.Escalations, day.NoNews, day.Attempts, day.Unanswered));
        Assert.Equal([5, 30], day.Minutes);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.5, 5)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.9, 9)]
    [InlineData(new[] { 1, 2, 3, 4 }, 0.5, 2)] // nearest rank: the lower middle of an even count
    [InlineData(new[] { 1, 2, 3, 4 }, 0.9, 4)]
    [InlineData(new[] { 7 }, 0.5, 7)]
    [InlineData(new[] { 7 }, 0.9, 7)]
    public void Percentiles_are_the_nearest_rank(int[] sorted, double share, double expected) =>
        Assert.Equal(expected, SpeedToLead.Percentile([.. sorted], share));

    [Fact]
    public void No_contacts_have_no_percentile() => Assert.Null(SpeedToLead.Percentile([], 0.5));

    [Fact]
    public void Days_of_one_owner_make_one_line_with_the_latest_name_and_the_minutes_of_every_day()
    {
        var dana = DayFigures.Of(Monday, "owner", "dana", "Dana Reyes", [Fact(5, true, lapsed: 1, attempts: 2), Fact(null, false, escalations: 1, unanswered: true), Fact(30, false, attempts: 1)]);
        List<DayFigures> days =
        [
            dana,
            Owner(Monday.AddDays(1), "dana", "Dana R.", 2, 2, 2, 12, 8),
            Owner(Monday, "sam", "Sam Ortiz", 1, 1, 1, 3),
            new(Monday, "source", "web form", "web form", 6, 5, 4, 0, 0, 0, 5, 0, [5, 30, 12, 8, 3]),
        ];

        var lines = SpeedToLead.Lines(days, "owner");

        Assert.Equal(["dana", "sam"], lines.Select(l => l.Key)); // most inquiries first
        Assert.Equal(new ReportLine("owner", "dana", "Dana R.", 5, 4, 8, 30, 0.6, 1, 1, 0, 1, 1), lines[0]);
        Assert.Equal(new ReportLine("owner", "sam", "Sam Ortiz", 1, 1, 3, 3, 1, 0, 0, 0, 1, 0), lines[1]);
    }

    [Fact]
    public void Shares_are_rounded_to_two_places_and_ties_are_ordered_by_name()
    {
        List<DayFigures> days = [Owner(Monday, "b", "Bo", 3, 2, 4, 1, 2), Owner(Monday, "a", "Ann", 3, 1, 1, 9)];

        var lines = SpeedToLead.Lines(days, "owner");

        Assert.Equal([("Ann", 0.33, 0.33), ("Bo", 0.67, 1.33)], lines.Select(l => (l.Name, l.ContactedInWindow!.Value, l.AttemptsPerInquiry)));
    }

    [Fact]
    public void An_owner_without_inquiries_has_no_share_and_no_median()
    {
        var line = Assert.Single(SpeedToLead.Lines([Owner(Monday, "dana", "Dana Reyes", 0, 0, 0)], "owner"));

        Assert.Equal(((double?)null, (double?)null, (double?)null, 0.0), (line.MedianMinutes, line.P90Minutes, line.ContactedInWindow, line.AttemptsPerInquiry));
    }

    [Fact]
    public void A_days_figures_are_kept_in_one_row_and_read_back_unchanged()
    {
        var figures = new DayFigures(Monday, "source", "Home Show | Boston", "Home Show | Boston", 4, 3, 2, 1, 1, 1, 5, 1, [4, 9, 120]);

        var row = figures.ToRow("rollup");
        var read = DayFigures.Read(row);

        Assert.Equal("2026-11-23|source|Home%20Show%20%7C%20Boston", row.RowKey);
        Assert.Equal(figures with { Minutes = [] }, read with { Minutes = [] });
        Assert.Equal(figures.Minutes, read.Minutes);
    }

    [Fact]
    public void A_days_call_figures_are_summed_from_its_inquiries_and_read_back_unchanged()
    {
        var figures = DayFigures.Of(Monday, "source", "missed call", "missed call",
            [Fact(null, false) with { Calls = new CallFigures(0, 3, 1, [4], 1, 0, 0, 0) }, Fact(2, true) with { Calls = new CallFigures(1, 1, 1, [6], 0, 1, 1, 1) }]);

        var read = DayFigures.Read(figures.ToRow("rollup"));

        Assert.Equal((1, 4, 2, 1, 1, 1, 1), (read.Calls!.Answered, read.Calls.Missed, read.Calls.TextedBack, read.Calls.Voicemails, read.Calls.Callbacks, read.Calls.CallbacksReached, read.Calls.FirstContactsByCall));
        Assert.Equal([4, 6], read.Calls.TextBackSeconds);
        var line = Assert.Single(SpeedToLead.Lines([read], "source"));
        Assert.Equal(new CallLine(1, 4, 2, 4, 1, 1, 1, 1), line.Calls);
    }

    [Fact]
    public void A_day_without_calls_has_no_call_figures() =>
        Assert.Null(Assert.Single(SpeedToLead.Lines([DayFigures.Read(DayFigures.Of(Monday, "owner", "dana", "Dana", [Fact(5, true)]).ToRow("rollup"))], "owner")).Calls);

    [Fact]
    public void A_day_without_contacts_reads_back_with_no_minutes() =>
        Assert.Empty(DayFigures.Read(new DayFigures(Monday, "owner", "dana", "Dana", 1, 0, 0, 1, 0, 0, 0, 0, []).ToRow("rollup")).Minutes);
}
