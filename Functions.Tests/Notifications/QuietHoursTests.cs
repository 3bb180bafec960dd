using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Notifications;
using FollowUp.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace FollowUp.Tests.Notifications;

public sealed class QuietHoursTests(AzuriteFixture azurite)
{
    private static readonly IOptions<BusinessOptions> Business = Options.Create(new BusinessOptions { Name = "Bright Side Plumbing", TimeZone = "America/Chicago" });

    private static readonly QuietHours Rules = new(
        Options.Create(new QuietHoursOptions()), Business, new BusinessCalendar(Options.Create(new ResponseWindowOptions()), Business));

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
        var strict = new QuietHours(
            Options.Create(new QuietHoursOptions { IncludeAcknowledgments = true }), Business, new BusinessCalendar(Options.Create(new ResponseWindowOptions()), Business));

        Assert.NotNull(strict.DeferUntil(MessageKinds.Acknowledgment, Channels.Sms, "America/New_York", DateTimeOffset.Parse("2026-11-24T03:30:00Z")));
    }

    [Theory]
    [InlineData("Europe/Paris", "+12125550100", "Europe/Paris")] // what the prospect said wins
    [InlineData(null, "+442079460958", "Europe/London")] // else the number's zone
    [InlineData(null, "+12125550100", "America/New_York")]
    [InlineData(null, null, "America/Chicago")] // else the business's
    public void Recipient_zone_is_declared_else_from_the_number_else_the_business(string? declared, string? phone, string expected) =>
        Assert.Equal(expected, Rules.ZoneFor(declared, phone));

    [Fact]
    public async Task Referrer_text_at_night_is_held_until_morning_then_sent_once()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        await using var app = new FollowUpApp(azurite, twilio.Settings());
        twilio.Clock = app.Time.GetUtcNow;
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-24T03:30:00Z")); // 22:30 in New York
        var response = await app.PostJsonAsync("/api/referrals", new
        {
            referrer = new { name = "Ann", phone = "+12125550123", consentToSms = true },
            prospect = new { name = "Bo", email = "bo@example.com" },
        });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;

        var held = await TwilioDeliveryTests.WaitForStateAsync(app, id, OutboxState.Deferred, kind: MessageKinds.ReferrerThanks);
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T13:00:00Z"), held.NotBefore);
        Assert.Contains(await app.TimelineAsync(id), e => e.Type == "referrer-thanks-deferred");
        Assert.Empty(twilio.Messages);

        // Morning: the delayed queue message arrives (delivered here directly, as the queue would), twice.
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-24T13:00:00Z"));
        var function = app.Get<OutboxDelivery>();
        var reference = new NotificationRef(id, held.MessageId).ToBinaryData().ToString();
        await function.HandleAsync(new QueueInvocation(reference, 1, "delayed"), TestContext.Current.CancellationToken);
        await function.HandleAsync(new QueueInvocation(reference, 1, "duplicate"), TestContext.Current.CancellationToken);

        Assert.Equal("+12125550123", Assert.Single(twilio.Messages).To);
        Assert.Equal(OutboxState.Sent, (await app.OutboxAsync(id)).Single(r => r.Kind == MessageKinds.ReferrerThanks).State);
    }
}
