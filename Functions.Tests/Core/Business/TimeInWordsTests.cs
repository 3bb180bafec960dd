namespace FollowUp.Tests.Core.Business;

/// <summary>A promised time is said the way a person says it, on the recipient's own clock.</summary>
[Trait("Category", "Unit")]
public sealed class TimeInWordsTests
{
    private static readonly DateTimeOffset MondayNight = DateTimeOffset.Parse("2026-11-24T03:30:00Z"); // Mon 22:30 in New York, Tue 03:30 in UTC

    [Theory]
    [InlineData("2026-11-24T04:15:00Z", "America/New_York", "11:15 PM today")]
    [InlineData("2026-11-24T13:15:00Z", "America/New_York", "8:15 AM tomorrow")]
    [InlineData("2026-11-24T13:15:00Z", "America/Los_Angeles", "5:15 AM tomorrow")]
    [InlineData("2026-11-24T13:15:00Z", "Etc/UTC", "1:15 PM today")] // already Tuesday in UTC
    [InlineData("2026-11-30T14:00:00Z", "America/New_York", "9:00 AM on Monday, November 30")]
    [InlineData("2026-11-25T14:00:00Z", "America/New_York", "9:00 AM on Wednesday, November 25")] // two days on is named
    public void A_time_is_today_tomorrow_or_a_named_day_in_the_recipients_zone(string promised, string zone, string expected) =>
        Assert.Equal(expected, TimeInWords.Describe(DateTimeOffset.Parse(promised), MondayNight, TimeZoneInfo.FindSystemTimeZoneById(zone)));

    [Fact]
    public void The_time_after_a_clock_change_is_the_new_local_time() =>
        // Sat 23:00 EST before clocks spring forward; 13:00Z on Sunday is 9:00 AM EDT.
        Assert.Equal("9:00 AM tomorrow", TimeInWords.Describe(
            DateTimeOffset.Parse("2026-03-08T13:00:00Z"), DateTimeOffset.Parse("2026-03-08T04:00:00Z"), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")));
}
