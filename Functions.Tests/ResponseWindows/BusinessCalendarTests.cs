using Microsoft.Extensions.Options;

namespace FollowUp.Tests.ResponseWindows;

/// <summary>Response windows count business hours (Mon–Fri 08:00–18:00 in New York by default).</summary>
[Trait("Category", "Unit")]
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

    [Theory]
    [InlineData(nameof(InquiryKind.WebForm), "2026-11-23T14:15:00Z")] // 15 minutes
    [InlineData(nameof(InquiryKind.Referral), "2026-11-23T15:00:00Z")] // an hour
    [InlineData(nameof(InquiryKind.Import), "2026-11-24T14:00:00Z")] // ten hours: one business day
    public void Each_kind_of_inquiry_is_promised_its_own_window(string kind, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected),
            Calendar(new ResponseWindowOptions()).RespondBy(DateTimeOffset.Parse("2026-11-23T14:00:00Z"), Enum.Parse<InquiryKind>(kind)));

    [Fact]
    public void A_window_crossing_the_autumn_clock_change_ends_at_the_right_local_time() =>
        // Fri 17:55 EDT → Mon 08:10 EST.
        Assert.Equal(DateTimeOffset.Parse("2026-11-02T13:10:00Z"),
            Calendar(new ResponseWindowOptions()).AddBusinessTime(DateTimeOffset.Parse("2026-10-30T21:55:00Z"), TimeSpan.FromMinutes(15)));

    [Theory]
    [InlineData("2026-03-07T12:00:00Z", "2026-03-09T00:00:00Z", 180)] // Sunday 00:00–04:00 on the night clocks spring forward: three real hours
    [InlineData("2026-10-31T12:00:00Z", "2026-11-02T00:00:00Z", 300)] // the night clocks fall back: five real hours
    public void Opening_hours_across_a_clock_change_count_the_real_time_between_them(string start, string end, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Calendar(WithSunday("00:00-04:00")).BusinessTimeBetween(DateTimeOffset.Parse(start), DateTimeOffset.Parse(end)));

    [Fact]
    public void The_hour_skipped_in_spring_is_not_counted_in_a_window() =>
        // Sun 00:00 EST: Sunday's wall-clock four hours are three real ones; the last 20 minutes fall on Monday 08:00 EDT.
        Assert.Equal(DateTimeOffset.Parse("2026-03-09T12:20:00Z"),
            Calendar(WithSunday("00:00-04:00")).AddBusinessTime(DateTimeOffset.Parse("2026-03-08T05:00:00Z"), TimeSpan.FromMinutes(200)));

    [Fact]
    public void An_opening_time_skipped_in_spring_is_taken_an_hour_later() =>
        // 02:30 does not happen on 8 March in New York: the day opens at 03:30 EDT.
        Assert.Equal(DateTimeOffset.Parse("2026-03-08T08:00:00Z"),
            Calendar(WithSunday("02:30-06:00")).AddBusinessTime(DateTimeOffset.Parse("2026-03-07T15:00:00Z"), TimeSpan.FromMinutes(30)));

    [Fact]
    public void An_opening_time_that_happens_twice_in_autumn_is_taken_at_its_standard_time() =>
        // 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST) on 1 November.
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T06:40:00Z"),
            Calendar(WithSunday("01:30-03:00")).AddBusinessTime(DateTimeOffset.Parse("2026-10-31T12:00:00Z"), TimeSpan.FromMinutes(10)));

    [Theory]
    [InlineData("2026-11-27T22:55:00Z", 15, "2026-11-30", "2026-12-01T13:10:00Z")] // Fri 17:55, Monday a holiday: Tuesday 08:10
    [InlineData("2026-12-24T22:00:00Z", 120, "2026-12-25", "2026-12-28T14:00:00Z")] // Thu 17:00 before Christmas: an hour then, an hour Monday
    public void A_holiday_next_to_a_weekend_is_skipped_with_it(string received, int minutes, string holiday, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected),
            Calendar(new ResponseWindowOptions { Holidays = [holiday] }).AddBusinessTime(DateTimeOffset.Parse(received), TimeSpan.FromMinutes(minutes)));

    [Theory]
    [InlineData("2026-11-23T14:00:00Z", "2026-11-23T15:00:00Z", 60)] // within Monday
    [InlineData("2026-11-27T22:00:00Z", "2026-11-30T14:00:00Z", 120)] // Fri 17:00 to Mon 09:00: an hour each side of the weekend
    [InlineData("2026-11-28T15:00:00Z", "2026-11-29T20:00:00Z", 0)] // all weekend
    [InlineData("2026-11-23T15:00:00Z", "2026-11-23T14:00:00Z", 0)] // an end before the start
    [InlineData("2026-11-23T03:00:00Z", "2026-11-23T12:00:00Z", 0)] // Sunday night to Monday 07:00
    public void Business_time_between_two_moments_counts_only_opening_hours(string start, string end, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Calendar(new ResponseWindowOptions()).BusinessTimeBetween(DateTimeOffset.Parse(start), DateTimeOffset.Parse(end)));

    [Fact]
    public void Business_time_between_two_moments_leaves_out_holidays() =>
        // Wed 09:00 to Fri 09:00 over Thanksgiving: nine hours Wednesday, one Friday.
        Assert.Equal(TimeSpan.FromHours(10), Calendar(new ResponseWindowOptions { Holidays = ["2026-11-26"] })
            .BusinessTimeBetween(DateTimeOffset.Parse("2026-11-25T14:00:00Z"), DateTimeOffset.Parse("2026-11-27T14:00:00Z")));

    [Theory]
    [InlineData("2026-11-23T14:00:00Z", "America/New_York", "2026-11-23T14:00:00Z")] // open now: now
    [InlineData("2026-11-23T23:30:00Z", "America/New_York", "2026-11-24T13:00:00Z")] // Mon 18:30 → Tue 08:00
    [InlineData("2026-11-23T15:00:00Z", "America/Los_Angeles", "2026-11-23T16:00:00Z")] // 07:00 in LA → 08:00 there
    public void The_next_opening_is_read_on_the_clock_of_the_zone_given(string now, string zone, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected),
            Calendar(new ResponseWindowOptions()).NextOpening(DateTimeOffset.Parse(now), TimeZoneInfo.FindSystemTimeZoneById(zone)));

    [Theory]
    [InlineData(DayOfWeek.Monday, "10:00-12:00", "2026-11-23T14:00:00Z", "2026-11-23T15:00:00Z")] // own Monday starts at 10:00
    [InlineData(DayOfWeek.Monday, "", "2026-11-23T14:00:00Z", "2026-11-24T13:00:00Z")] // Monday off: the business's Tuesday
    [InlineData(DayOfWeek.Saturday, "09:00-13:00", "2026-11-28T12:00:00Z", "2026-11-28T14:00:00Z")] // works Saturdays the business is closed
    public void A_persons_own_hours_replace_the_business_hours_of_the_days_they_set(DayOfWeek day, string hours, string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), Calendar(new ResponseWindowOptions()).NextOpening(
            DateTimeOffset.Parse(now), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), new Dictionary<DayOfWeek, string> { [day] = hours }));

    [Fact]
    public void A_holiday_that_is_not_a_date_and_a_week_with_no_opening_are_startup_errors()
    {
        var options = new ResponseWindowOptions { Holidays = ["2026-13-01"] };
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            options.Hours[day] = "";
        }

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Equal(
            ["FollowUp:Windows:Holidays entry '2026-13-01' must be a date such as 2026-12-25.", "FollowUp:Windows:Hours must open on at least one day."],
            errors);
    }

    [Fact]
    public void The_default_hours_are_valid() =>
        Assert.Empty(new ResponseWindowOptions().Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new ResponseWindowOptions())));

    private static ResponseWindowOptions WithSunday(string hours)
    {
        var options = new ResponseWindowOptions();
        options.Hours[DayOfWeek.Sunday] = hours;
        return options;
    }

    private static BusinessCalendar Calendar(ResponseWindowOptions options) =>
        new(Options.Create(options), Options.Create(new BusinessOptions { Name = "B", TimeZone = "America/New_York" }));
}
