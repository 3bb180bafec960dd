using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Notifications;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Notifications;

/// <summary>A text held for quiet hours waits in the outbox of a running app and goes once in the morning.</summary>
public sealed class QuietHoursTests(AzuriteFixture azurite)
{
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
