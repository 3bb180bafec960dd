using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Notifications;

/// <summary>Email through SendGrid's v3 API (a fake speaking its wire format), with its failures.</summary>
public sealed class SendGridDeliveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FakeSendGrid _sendGrid = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _sendGrid = await FakeSendGrid.StartAsync();

    public ValueTask DisposeAsync() => _sendGrid.DisposeAsync();

    [Fact]
    public async Task Acknowledgment_email_carries_outbox_ids_an_unsubscribe_link_and_the_postal_footer()
    {
        await using var app = App();

        var id = await SubmitAsync(app);

        var row = await TwilioDeliveryTests.WaitForStateAsync(app, id, OutboxState.Sent);
        var email = Assert.Single(_sendGrid.Emails);
        Assert.Equal(("dana@example.com", "hello@brightside.example"), (email.To, email.From));
        Assert.Equal("We got your message - Bright Side Plumbing", email.Subject);
        Assert.Equal(id, email.CustomArgs["inquiry_id"]);
        Assert.Equal(row.MessageId, email.CustomArgs["outbox_id"]);
        Assert.True(email.SubscriptionTracking);
        Assert.Contains("12 Main St, Springfield, IL 62701", email.Content["text/plain"]);
        Assert.Contains("12 Main St, Springfield, IL 62701", email.Content["text/html"]);
        Assert.Equal(email.MessageId, row.ProviderMessageId);
    }

    [Fact]
    public async Task Rate_limited_email_is_retried_and_sent_once()
    {
        await using var app = App();
        _sendGrid.Script(FakeReply.TooManyRequests(retryAfterSeconds: 1));

        var id = await SubmitAsync(app);

        var row = await TwilioDeliveryTests.WaitForStateAsync(app, id, OutboxState.Sent);
        Assert.Equal((2, 2), (_sendGrid.SendRequests, row.Attempts));
        Assert.Single(_sendGrid.Emails);
    }

    [Fact]
    public async Task Rejected_email_fails_with_sendgrids_message_and_is_not_retried()
    {
        await using var app = App();
        _sendGrid.Script(FakeReply.Error(400, 0, "Does not contain a valid address."));

        var id = await SubmitAsync(app);

        var row = await TwilioDeliveryTests.WaitForStateAsync(app, id, OutboxState.Failed);
        Assert.True(_sendGrid.SendRequests == 1, _sendGrid.LastBody);
        Assert.Equal("400", row.ErrorCode);
        Assert.Contains(await app.TimelineAsync(id), e => e.Type == "acknowledgment-failed" && e.Detail!.Contains("Does not contain a valid address."));
    }

    private FollowUpApp App()
    {
        var app = new FollowUpApp(azurite, _sendGrid.Settings());
        _sendGrid.Clock = app.Time.GetUtcNow;
        return app;
    }

    private static Task<string> SubmitAsync(FollowUpApp app) => app.SubmitAsync(new { name = "Dana", email = "dana@example.com" });
}
