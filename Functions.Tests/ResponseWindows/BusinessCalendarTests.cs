using Microsoft.Extensions.Options;

namespace FollowUp.Tests.ResponseWindows;

/// <summary>Response windows count business hours (Mon–Fri 08:00–18:00 in New York by default).</summary>
public sealed class BusinessCalendarTests
{
    [Theory]
    [InlineData("2026-11-23T14:00:00Z", 15, "2026-11-23T14:15:00Z")] // Mon 09:00 → 09:15
    [InlineData("2026-11-23T22:55:00Z", 15, "2026-11-24T13:10:00Z")] // Mon 17:55: 5 min today, 10 min Tue from 08:00
    [InlineData("2026-11-28T15:00:00Z", 15, "2026-11-30T13:15:00Z")] // Saturday: the clock starts Monday 08:00
    [InlineData("2026-11-27T03:00:00Z", 60, "2026-11-27T14:00:00Z")] // Thu 22:00 → Fri 09:00
    [InlineData("2026-03-06T22:55:00Z", 15, "2026-03-09T12:10:00Z")] // Fri 17:55 EST → Mon 08:10 EDT, across the DST change
    [InlineData("2026-11-23T14:00:00Z", 600, "2026-11-24T14:00:00Z")] // one full business day
    public void Window_counts_only_opening_hours(string received, int minutes, string expected)
    {
        var calendar = Calendar(new ResponseWindowOptions());

        Assert.Equal(DateTimeOffset.Parse(expected), calendar.AddBusinessTime(DateTimeOffset.Parse(received), TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void Holidays_are_skipped()
    {
        var calendar = Calendar(new ResponseWindowOptions { Holidays = ["2026-11-26", "2026-11-27"] });

        // Wed 17:50 before Thanksgiving: 10 minutes Wednesday, 5 on Monday.
        var due = calendar.AddBusinessTime(DateTimeOffset.Parse("2026-11-25T22:50:00Z"), TimeSpan.FromMinutes(15));

        Assert.Equal(DateTimeOffset.Parse("2026-11-30T13:05:00Z"), due);
    }

    [Fact]
    public void Configured_saturday_hours_count()
    {
        var options = new ResponseWindowOptions();
        options.Hours[DayOfWeek.Saturday] = "09:00-13:00";

        var due = Calendar(options).AddBusinessTime(DateTimeOffset.Parse("2026-11-28T12:00:00Z"), TimeSpan.FromMinutes(30)); // Sat 07:00

        Assert.Equal(DateTimeOffset.Parse("2026-11-28T14:30:00Z"), due); // Sat 09:30
    }

    [Theory]
    [InlineData("8-6")]
    [InlineData("18:00-08:00")]
    public void Malformed_hours_are_a_startup_error_naming_the_day(string hours)
    {
        var options = new ResponseWindowOptions();
        options.Hours[DayOfWeek.Monday] = hours;

        var results = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(results, r => r.ErrorMessage!.Contains("FollowUp:Windows:Hours:Monday"));
    }

    private static BusinessCalendar Calendar(ResponseWindowOptions options) =>
        new(Options.Create(options), Options.Create(new BusinessOptions { Name = "B", TimeZone = "America/New_York" }));
}
