using System.ComponentModel.DataAnnotations;

namespace FollowUp.Tests.Core;

/// <summary>The business's own dates and days are read on its clock, daylight saving included.</summary>
[Trait("Category", "Unit")]
public sealed class BusinessOptionsTests
{
    private static readonly BusinessOptions NewYork = new() { Name = "Bright Side Plumbing", TimeZone = "America/New_York" };

    [Theory]
    [InlineData("2026-11-24T03:30:00Z", "2026-11-23")] // 22:30 on Monday in New York
    [InlineData("2026-11-24T05:00:00Z", "2026-11-24")]
    [InlineData("2026-07-01T03:59:00Z", "2026-06-30")] // EDT: UTC-4
    public void The_local_date_is_the_business_zones_date(string at, string expected) =>
        Assert.Equal(expected, NewYork.LocalDate(DateTimeOffset.Parse(at)));

    [Theory]
    [InlineData("2026-03-08", "2026-03-08T05:00:00Z")] // midnight is still EST on the day clocks spring forward
    [InlineData("2026-03-09", "2026-03-09T04:00:00Z")] // EDT from then on
    [InlineData("2026-11-01", "2026-11-01T04:00:00Z")] // midnight is still EDT on the day clocks fall back
    [InlineData("2026-11-02", "2026-11-02T05:00:00Z")]
    public void A_day_starts_at_the_business_zones_midnight(string day, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), NewYork.StartOf(DateOnly.Parse(day)));

    [Theory]
    [InlineData("Europe/Paris", "Europe/Paris")]
    [InlineData("Mars/Olympus_Mons", "America/New_York")] // not a zone: the business's
    [InlineData(null, "America/New_York")]
    public void A_zone_the_prospect_gave_is_used_when_it_is_one(string? declared, string expected) =>
        Assert.Equal(expected, NewYork.ZoneFor(declared).Id);

    [Fact]
    public void An_unknown_time_zone_is_a_startup_error_naming_it()
    {
        var options = new BusinessOptions { Name = "B", TimeZone = "America/Springfield" };

        var result = Assert.Single(options.Validate(new ValidationContext(options)));

        Assert.Equal("FollowUp:Business:TimeZone 'America/Springfield' is not a known IANA time zone.", result.ErrorMessage);
    }
}
