using Microsoft.Extensions.Options;

namespace FollowUp.Tests.Core.Messaging;

/// <summary>Prospects are not texted at night on their own clock; staff are messaged in their working hours.</summary>
[Trait("Category", "Unit")]
public sealed class QuietHoursTests
{
    private static readonly IOptions<BusinessOptions> Business = Options.Create(new BusinessOptions { Name = "Bright Side Plumbing", TimeZone = "America/Chicago" });

    private static readonly BusinessCalendar Calendar = new(Options.Create(new ResponseWindowOptions()), Business);

    private static readonly QuietHours Rules = new(Options.Create(new QuietHoursOptions()), Business, Calendar);

    [Theory]
    [InlineData("2026-11-24T03:30:00Z", "2026-11-24T13:00:00Z")] // 22:30 in New York → 08:00 next morning
    [InlineData("2026-11-24T12:59:00Z", "2026-11-24T13:00:00Z")] // 07:59 → 08:00 the same morning
    [InlineData("2026-03-08T04:30:00Z", "2026-03-08T12:00:00Z")] // 23:30 EST; clocks spring forward overnight, so 08:00 EDT
    public void Text_in_quiet_hours_waits_for_eight_in_the_morning_local_time(string now, string expected)
    {
        var until = Rules.DeferUntil(MessageKinds.ReferrerThanks, Channels.Sms, "America/New_York", DateTimeOffset.Parse(now));

        Assert.Equal(DateTimeOffset.Parse(expected), until);
    }

    [Fact]
    public void Text_outside_quiet_hours_email_and_a_fresh_acknowledgment_go_at_once()
    {
        var night = DateTimeOffset.Parse("2026-11-24T03:30:00Z");

        Assert.Null(Rules.DeferUntil(MessageKinds.ReferrerThanks, Channels.Sms, "America/New_York", DateTimeOffset.Parse("2026-11-24T17:00:00Z")));
        Assert.Null(Rules.DeferUntil(MessageKinds.ReferrerThanks, Channels.Email, "America/New_York", night));
        Assert.Null(Rules.DeferUntil(MessageKinds.Acknowledgment, Channels.Sms, "America/New_York", night));
    }

    [Theory]
    [InlineData("2026-11-24T01:00:00Z", "2026-11-24T13:00:00Z")] // Mon 20:00 in New York → Tue 08:00
    [InlineData("2026-11-28T15:00:00Z", "2026-11-30T13:00:00Z")] // Saturday → Monday 08:00
    public void Staff_texts_wait_for_business_hours_in_the_staff_members_zone(string now, string expected)
    {
        var until = Rules.DeferUntil(MessageKinds.OwnerReminder, Channels.Sms, "America/New_York", DateTimeOffset.Parse(now));

        Assert.Equal(DateTimeOffset.Parse(expected), until);
    }

    [Fact]
    public void Staff_texts_in_business_hours_go_at_once() =>
        Assert.Null(Rules.DeferUntil(MessageKinds.Escalation, Channels.Sms, "America/Los_Angeles", DateTimeOffset.Parse("2026-11-24T17:00:00Z"))); // Tue 09:00 in LA

    [Fact]
    public void Acknowledgments_wait_too_when_configured()
    {
        var strict = new QuietHours(Options.Create(new QuietHoursOptions { IncludeAcknowledgments = true }), Business, Calendar);

        Assert.NotNull(strict.DeferUntil(MessageKinds.Acknowledgment, Channels.Sms, "America/New_York", DateTimeOffset.Parse("2026-11-24T03:30:00Z")));
    }

    [Theory]
    [InlineData("Europe/Paris", "+12125550100", "Europe/Paris")] // what the prospect said wins
    [InlineData(null, "+442079460958", "Europe/London")] // else the number's zone
    [InlineData(null, "+12125550100", "America/New_York")]
    [InlineData(null, null, "America/Chicago")] // else the business's
    public void Recipient_zone_is_declared_else_from_the_number_else_the_business(string? declared, string? phone, string expected) =>
        Assert.Equal(expected, Rules.ZoneFor(declared, phone));

    [Theory]
    [InlineData("2026-11-01T03:00:00Z", "2026-11-01T13:00:00Z")] // 23:00 EDT; clocks fall back overnight, so 08:00 EST
    [InlineData("2026-11-24T02:00:00Z", "2026-11-24T13:00:00Z")] // 21:00 exactly: quiet
    public void Quiet_hours_begin_at_nine_and_end_at_eight_on_the_local_clock(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), Rules.DeferUntil(MessageKinds.NoNews, Channels.Sms, "America/New_York", DateTimeOffset.Parse(now)));

    [Theory]
    [InlineData("2026-11-24T13:00:00Z")] // 08:00 exactly: the quiet is over
    [InlineData("2026-11-24T01:59:00Z")] // 20:59
    public void A_text_at_the_edges_of_quiet_hours_goes_at_once(string now) =>
        Assert.Null(Rules.DeferUntil(MessageKinds.NoNews, Channels.Sms, "America/New_York", DateTimeOffset.Parse(now)));

    [Fact]
    public void Without_a_zone_the_business_clock_is_used() =>
        // 22:00 in Chicago → 08:00 CST.
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T14:00:00Z"), Rules.DeferUntil(MessageKinds.NoNews, Channels.Sms, null, DateTimeOffset.Parse("2026-11-24T04:00:00Z")));

    [Theory]
    [InlineData("2026-11-24T18:30:00Z", "2026-11-24T19:00:00Z")] // 13:30 in New York → 14:00
    [InlineData("2026-11-24T17:00:00Z", null)] // noon
    public void Quiet_hours_within_one_day_end_the_same_day(string now, string? expected)
    {
        var siesta = new QuietHours(Options.Create(new QuietHoursOptions { Start = new(13, 0), End = new(14, 0) }), Business, Calendar);

        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected), siesta.DeferUntil(MessageKinds.NoNews, Channels.Sms, "America/New_York", DateTimeOffset.Parse(now)));
    }

    [Fact]
    public void Quiet_hours_that_start_when_they_end_hold_nothing()
    {
        var never = new QuietHours(Options.Create(new QuietHoursOptions { Start = new(21, 0), End = new(21, 0) }), Business, Calendar);

        Assert.Null(never.DeferUntil(MessageKinds.NoNews, Channels.Sms, "America/New_York", DateTimeOffset.Parse("2026-11-24T03:30:00Z")));
    }

    [Theory]
    [InlineData(MessageKinds.WeeklySummary, "email")] // staff mail waits too
    [InlineData(MessageKinds.SmsCapReached, "sms")]
    [InlineData(MessageKinds.ProspectReply, "sms")]
    public void Every_message_to_staff_waits_for_business_hours(string kind, string channel) =>
        // Saturday → Monday 08:00 in New York.
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T13:00:00Z"), Rules.DeferUntil(kind, channel, "America/New_York", DateTimeOffset.Parse("2026-11-28T15:00:00Z")));

    [Theory]
    [InlineData("Monday=10:00-12:00", "2026-11-23T15:00:00Z")] // Mon 09:00: their day starts at 10:00
    [InlineData("Monday=", "2026-11-24T13:00:00Z")] // Monday off: the business's Tuesday
    public void A_staff_members_own_hours_decide_when_their_texts_go(string hours, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected),
            Rules.DeferUntil(MessageKinds.OwnerReminder, Channels.Sms, "America/New_York", DateTimeOffset.Parse("2026-11-23T14:00:00Z"), hours));

    [Theory]
    [InlineData("Mars/Base", "+12125550100", "America/New_York")] // not a zone: the number's
    [InlineData(null, "not a number", "America/Chicago")]
    [InlineData(null, "+18005550100", "America/Chicago")] // a toll-free number has no one zone
    public void A_zone_that_cannot_be_told_falls_back_to_the_business(string? declared, string phone, string expected) =>
        Assert.Equal(expected, Rules.ZoneFor(declared, phone));
}
