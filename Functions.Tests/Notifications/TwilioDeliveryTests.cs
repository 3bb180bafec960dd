using FollowUp.Notifications;
using FollowUp.Tests.Fixtures;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace FollowUp.Tests.Notifications;

/// <summary>SMS through the Twilio REST API (a fake speaking its wire format), with its failures.</summary>
public sealed class TwilioDeliveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FakeTwilio _twilio = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _twilio = await FakeTwilio.StartAsync();

    public ValueTask DisposeAsync() => _twilio.DisposeAsync();

    [Fact]
    public async Task Acknowledgment_sms_goes_to_twilio_with_a_signed_status_callback()
    {
        await using var app = App();

        var id = await SubmitAsync(app);

        var row = await WaitForStateAsync(app, id, OutboxState.Sent);
        var sms = Assert.Single(_twilio.Messages);
        Assert.Equal(("+12125550100", FakeTwilio.FromNumber), (sms.To, sms.From));
        Assert.StartsWith("Hi Lee, thanks for contacting Bright Side Plumbing.", sms.Body);
        Assert.Equal($"https://followup.example/api/twilio/status?inquiry={id}&message={row.MessageId}", sms.StatusCallback);
        Assert.Equal(sms.Sid, row.ProviderMessageId);
        Assert.Equal("queued", row.DeliveryStatus);
    }

    [Fact]
    public async Task Rate_limited_send_is_retried_after_the_wait_twilio_asked_for_and_sent_once()
    {
        await using var app = App();
        _twilio.Script(FakeReply.TooManyRequests(retryAfterSeconds: 1));
        var started = DateTime.UtcNow;

        var id = await SubmitAsync(app);

        var row = await WaitForStateAsync(app, id, OutboxState.Sent);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1), "the retry must wait for Retry-After");
        Assert.Equal((2, 2), (_twilio.SendRequests, row.Attempts));
        Assert.Single(_twilio.Messages);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_twilio_accepts()
    {
        await using var app = App();
        _twilio.Script(FakeReply.Error(500, 20500, "Internal Server Error"), FakeReply.Error(503, 20503, "Service Unavailable"));

        var id = await SubmitAsync(app);

        var row = await WaitForStateAsync(app, id, OutboxState.Sent);
        Assert.Equal(3, row.Attempts);
        Assert.Single(_twilio.Messages);
    }

    [Fact]
    public async Task Invalid_number_fails_at_once_with_twilios_code_and_is_not_retried()
    {
        await using var app = App();
        _twilio.Script(FakeReply.Error(400, 21211, "The 'To' number +12125550100 is not a valid phone number."));

        var id = await SubmitAsync(app);

        var row = await WaitForStateAsync(app, id, OutboxState.Failed);
        Assert.Equal(("21211", 1), (row.ErrorCode, _twilio.SendRequests));
        Assert.Contains(await app.TimelineAsync(id), e => e.Type == "acknowledgment-failed" && e.Detail!.Contains("code 21211"));
    }

    [Fact]
    public async Task Recipient_who_unsubscribed_at_twilio_is_recorded_as_opted_out()
    {
        await using var app = App();
        _twilio.Script(FakeReply.Error(400, 21610, "Attempt to send to unsubscribed recipient"));

        var id = await SubmitAsync(app);

        await WaitForStateAsync(app, id, OutboxState.Failed);
        var contact = (await app.Storage.FindContactAsync(ContactEntity.PhoneKey("+12125550100"), Ct))!;
        Assert.True(contact.SmsOptedOut);
    }

    [Fact]
    public async Task The_lookup_after_an_unanswered_send_finds_it_behind_a_page_of_later_texts_to_the_same_number()
    {
        await using var app = App();
        _twilio.Clock = () => DateTimeOffset.UtcNow;
        var sender = app.Get<TwilioSmsSender>();
        var since = DateTimeOffset.UtcNow;
        OutgoingMessage Text(int n) => new("20261123140000-ABCDEFGH", $"M{n}", MessageKinds.OwnerReminder, Channels.Sms, "+12125550101", null, $"Reminder {n}");
        _twilio.Script(FakeReply.Drop(afterAccepting: true));

        var unanswered = await sender.SendAsync(Text(0), Ct);
        for (var n = 1; n <= 60; n++)
        {
            Assert.IsType<SendOutcome.Accepted>(await sender.SendAsync(Text(n), Ct));
        }

        var found = await sender.FindSentAsync(Text(0), since, Ct);

        Assert.IsType<SendOutcome.Ambiguous>(unanswered);
        Assert.Equal(_twilio.Messages.Single(m => m.Body == "Reminder 0").Sid, found);
        Assert.Null(await sender.FindSentAsync(Text(61), since, Ct));
    }

    [Fact]
    public async Task Api_key_replaces_the_auth_token_for_api_calls()
    {
        await using var app = App(new() { ["Twilio:ApiKeySid"] = FakeTwilio.ApiKeySid, ["Twilio:ApiKeySecret"] = FakeTwilio.ApiKeySecret });

        var id = await SubmitAsync(app);

        await WaitForStateAsync(app, id, OutboxState.Sent);
        Assert.Equal(FakeTwilio.ApiKeySid, Assert.Single(_twilio.Messages).Credential);
    }

    [Fact]
    public async Task Timeout_after_twilio_received_the_message_is_looked_up_and_not_sent_again()
    {
        await using var app = App(new() { ["FollowUp:Delivery:ProviderTimeout"] = "00:00:01" });
        _twilio.Script(FakeReply.AcceptSlowly(TimeSpan.FromSeconds(3)));
        using var ambiguous = new MetricCollector<long>(app.Get<System.Diagnostics.Metrics.IMeterFactory>(), DeliveryMetrics.MeterName, "followup.notifications.ambiguous");

        var id = await SubmitAsync(app);

        var row = await WaitForStateAsync(app, id, OutboxState.Sent);
        var sms = Assert.Single(_twilio.Messages);
        Assert.Equal((1, sms.Sid, 2), (_twilio.SendRequests, row.ProviderMessageId, row.Attempts));
        Assert.Equal(1, ambiguous.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Connection_dropped_before_twilio_took_the_message_is_sent_once_after_looking()
    {
        await using var app = App();
        _twilio.Script(FakeReply.Drop(afterAccepting: false));

        var id = await SubmitAsync(app);

        await WaitForStateAsync(app, id, OutboxState.Sent);
        Assert.Equal(2, _twilio.SendRequests);
        Assert.Single(_twilio.Messages);
    }

    [Fact]
    public async Task Connection_dropped_after_twilio_took_the_message_is_not_sent_again()
    {
        await using var app = App();
        _twilio.Script(FakeReply.Drop(afterAccepting: true));

        var id = await SubmitAsync(app);

        await WaitForStateAsync(app, id, OutboxState.Sent);
        Assert.Equal(1, _twilio.SendRequests);
        Assert.Single(_twilio.Messages);
    }

    [Fact]
    public async Task Message_that_exhausts_its_retries_is_failed_on_the_timeline_and_parked_in_the_poison_queue()
    {
        await using var app = App(new() { ["FollowUp:Delivery:MaxAttempts"] = "3" });
        _twilio.Script(Enumerable.Repeat(FakeReply.Error(503, 20503, "Service Unavailable"), 3).ToArray());

        var id = await SubmitAsync(app);

        var row = await WaitForStateAsync(app, id, OutboxState.Failed);
        Assert.Equal(3, row.Attempts);
        Assert.Contains(await app.TimelineAsync(id), e => e.Type == "acknowledgment-failed" && e.Detail!.Contains("after 3 tries"));
        var poisoned = (await app.Storage.NotificationsPoison.PeekMessagesAsync(cancellationToken: Ct)).Value;
        Assert.Equal(row.MessageId, NotificationRef.Parse(Assert.Single(poisoned).Body.ToString())!.MessageId);
        Assert.Empty(_twilio.Messages);
    }

    private FollowUpApp App(Dictionary<string, string?>? extra = null)
    {
        var settings = _twilio.Settings();
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var app = new FollowUpApp(azurite, settings);
        _twilio.Clock = app.Time.GetUtcNow;
        return app;
    }

    private static Task<string> SubmitAsync(FollowUpApp app) =>
        app.SubmitAsync(new { name = "Lee Park", phone = "+12125550100", consentToSms = true, preferredChannel = "sms" });

    /// <summary>Waits until the inquiry's one message (or its message of <paramref name="kind"/>) reaches <paramref name="state"/>.</summary>
    internal static async Task<OutboxEntity> WaitForStateAsync(FollowUpApp app, string id, string state, string? kind = null) =>
        (await Eventually.GetAsync(
            async () => (await app.OutboxAsync(id)).Where(r => kind is null || r.Kind == kind).ToList(),
            rows => rows.Count == 1 && rows[0].State == state,
            $"the message to be {state}",
            TimeSpan.FromSeconds(20)))[0];
}
