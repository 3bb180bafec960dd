using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Notifications;
using FollowUp.Webhooks;

namespace FollowUp.Tests.Webhooks;

public sealed class TwilioWebhookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PublicBaseUrl = TwilioBackedApp.PublicBaseUrl;
    private TwilioBackedApp _host = null!;

    private FakeTwilio Twilio => _host.Twilio;

    private FollowUpApp App => _host.App;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await TwilioBackedApp.StartAsync(azurite, new Dictionary<string, string?> { ["FollowUp:Intake:DuplicateWindow"] = "00:00:00" });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_body_over_64_kb_is_refused_with_413_before_its_signature_is_checked()
    {
        var fields = new Dictionary<string, string> { ["From"] = "+12125550100", ["To"] = FakeTwilio.FromNumber, ["Body"] = "STOP", ["Padding"] = new string('x', 70_000) };

        var response = await PostSignedAsync(TwilioWebhooksApi.InboundPath, fields);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await App.Storage.FindContactAsync(ContactEntity.PhoneKey("+12125550100"), Ct));
    }

    [Fact]
    public async Task Unsigned_or_forged_status_callbacks_get_403_and_change_nothing()
    {
        var (id, row) = await SentSmsAsync();
        var path = StatusPath(id, row.MessageId);
        var fields = StatusFields(row, "delivered");

        var unsigned = await App.Client().PostAsync(path, new FormUrlEncodedContent(fields), Ct);
        var wrongKey = await PostAsync(path, fields, TwilioSigning.Sign("not-the-auth-token", PublicBaseUrl + path, fields));
        var otherUrl = await PostAsync(path, fields, TwilioSigning.Sign(FakeTwilio.AuthToken, PublicBaseUrl + "/api/twilio/status?inquiry=x&message=y", fields));
        var tampered = await PostAsync(path, StatusFields(row, "failed"), TwilioSigning.Sign(FakeTwilio.AuthToken, PublicBaseUrl + path, fields));

        Assert.All([unsigned, wrongKey, otherUrl, tampered], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal("queued", Assert.Single(await App.OutboxAsync(id)).DeliveryStatus);
    }

    [Fact]
    public async Task Statuses_arriving_late_or_twice_never_move_a_message_backwards()
    {
        var (id, row) = await SentSmsAsync();

        foreach (var status in new[] { "sent", "delivered", "sent", "delivered", "queued" })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await PostSignedAsync(StatusPath(id, row.MessageId), StatusFields(row, status))).StatusCode);
        }

        Assert.Equal("delivered", Assert.Single(await App.OutboxAsync(id)).DeliveryStatus);
        Assert.Single(await App.TimelineAsync(id), e => e.Type == "acknowledgment-delivered");
    }

    [Fact]
    public async Task Undelivered_status_keeps_twilios_error_code()
    {
        var (id, row) = await SentSmsAsync();
        var fields = StatusFields(row, "undelivered");
        fields["ErrorCode"] = "30003";

        await PostSignedAsync(StatusPath(id, row.MessageId), fields);

        var updated = Assert.Single(await App.OutboxAsync(id));
        Assert.Equal(("undelivered", "30003"), (updated.DeliveryStatus, updated.ErrorCode));
        Assert.Contains(await App.TimelineAsync(id), e => e.Type == "acknowledgment-undelivered" && e.Detail!.Contains("30003"));
    }

    [Fact]
    public async Task Signature_over_the_url_with_an_explicit_default_port_is_accepted()
    {
        var (id, row) = await SentSmsAsync();
        var path = StatusPath(id, row.MessageId);
        var fields = StatusFields(row, "delivered");

        var response = await PostAsync(path, fields, TwilioSigning.Sign(FakeTwilio.AuthToken, "https://followup.example:443" + path, fields));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Stop_suppresses_every_further_text_until_start()
    {
        var before = await SubmitAsync();
        await TwilioDeliveryTests.WaitForStateAsync(App, before, OutboxState.Sent);
        var stop = await InboundAsync("+12125550100", "  Stop ");

        // A text composed before the STOP (the ladder's "no news" update) is held back when its turn comes.
        var waiting = InquiryRows.NewOutbox(before, "nonews000001", MessageKinds.NoNews, Channels.Sms, "+12125550100", null, "No news yet", App.Time.GetUtcNow());
        await App.Storage.Inquiries.AddEntityAsync(waiting, Ct);
        await App.Storage.Notifications.SendMessageAsync(new NotificationRef(before, waiting.MessageId).ToBinaryData(), cancellationToken: Ct);
        var suppressed = await TwilioDeliveryTests.WaitForStateAsync(App, before, OutboxState.Suppressed, MessageKinds.NoNews);
        // A new inquiry while stopped is not offered a text at all.
        var whileStopped = await SubmitAsync();
        await InboundAsync("+12125550100", "start");
        var afterStart = await SubmitAsync();
        await TwilioDeliveryTests.WaitForStateAsync(App, afterStart, OutboxState.Sent);

        Assert.Empty(TwilioSigning.Replies(await stop.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(waiting.MessageId, suppressed.MessageId);
        Assert.Contains(await App.TimelineAsync(before), e => e.Type == "no-news-suppressed");
        Assert.Empty(await App.OutboxAsync(whileStopped));
        Assert.Contains(await App.TimelineAsync(whileStopped), e => e.Detail!.Contains("their number texted STOP", StringComparison.Ordinal));
        Assert.Equal(["+12125550100", "+12125550100"], Twilio.Messages.Select(m => m.To));
        Assert.Equal(2, Twilio.SendRequests);
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("stopall")]
    [InlineData(" Unsubscribe ")]
    [InlineData("cancel")]
    [InlineData("END")]
    [InlineData("Quit")]
    [InlineData("revoke")]
    [InlineData("OPTOUT")]
    public async Task Every_opt_out_keyword_stops_texts(string text)
    {
        await InboundAsync("+12125550177", text);

        Assert.True(await App.SmsOptedOutAsync("+12125550177"));
        Assert.Null(await App.Storage.FindContactAsync(ContactEntity.PhoneKey("+12125550177"), Ct)); // a stranger's STOP is kept as a hashed mark only
    }

    [Theory]
    [InlineData("help")]
    [InlineData(" INFO ")]
    public async Task Help_gets_the_business_help_text_as_twiml(string text)
    {
        var response = await InboundAsync("+12125550100", text);

        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            ["Bright Side Plumbing: Reply STOP to stop texts, START to get them again."],
            TwilioSigning.Replies(await response.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task Other_texts_get_an_empty_twiml_answer_and_forged_ones_403()
    {
        var other = await InboundAsync("+12125550100", "Is Tuesday ok?");
        var fields = new Dictionary<string, string> { ["From"] = "+12125550100", ["To"] = FakeTwilio.FromNumber, ["Body"] = "STOP", ["MessageSid"] = "SM1" };
        var forged = await PostAsync(TwilioWebhooksApi.InboundPath, fields, "bm90IGEgc2lnbmF0dXJl");

        Assert.Empty(TwilioSigning.Replies(await other.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False(await App.SmsOptedOutAsync("+12125550100"));
    }

    [Fact]
    public async Task After_STOP_no_text_goes_yet_the_answer_reads_as_for_anyone()
    {
        await InboundAsync("+12125550100", "STOP");

        var withEmail = await (await App.PostJsonAsync("/api/inquiries", new { name = "Lee", phone = "+12125550100", email = "lee@example.com", consentToSms = true, preferredChannel = "sms" }))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var phoneOnly = await (await App.PostJsonAsync("/api/inquiries", new { name = "Lee", phone = "(212) 555-0100", consentToSms = true }))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal("sms", withEmail.GetProperty("acknowledgment").GetString()); // as for anyone: the answer never tells of a STOP
        var emailed = Assert.Single(await App.Sent.WaitForAsync(withEmail.GetProperty("id").GetString()!));
        Assert.Equal(("email", "lee@example.com"), (emailed.Channel, emailed.To));
        Assert.Equal("sms", phoneOnly.GetProperty("acknowledgment").GetString()); // what anyone typing that number would be told
        var id = phoneOnly.GetProperty("id").GetString()!;
        Assert.Empty(await App.OutboxAsync(id));
        Assert.Contains(await App.TimelineAsync(id), e => e.Type == "note" && e.Detail == "No acknowledgment sent: no email address, and their number texted STOP.");
        Assert.DoesNotContain(Twilio.Messages, m => m.To == "+12125550100" && m.Body.Contains("get back to you", StringComparison.Ordinal));
    }

    private async Task<(string Id, OutboxEntity Row)> SentSmsAsync()
    {
        var id = await SubmitAsync();
        return (id, await TwilioDeliveryTests.WaitForStateAsync(App, id, OutboxState.Sent));
    }

    private Task<string> SubmitAsync() => App.SubmitAsync(new { name = "Lee", phone = "+12125550100", consentToSms = true, preferredChannel = "sms" });

    private Task<HttpResponseMessage> InboundAsync(string from, string body) =>
        PostSignedAsync(TwilioWebhooksApi.InboundPath, new Dictionary<string, string>
        {
            ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"),
            ["AccountSid"] = FakeTwilio.AccountSid,
            ["From"] = from,
            ["To"] = FakeTwilio.FromNumber,
            ["Body"] = body,
            ["NumMedia"] = "0",
        });

    private static string StatusPath(string id, string messageId) => $"{TwilioWebhooksApi.StatusPath}?inquiry={id}&message={messageId}";

    private static Dictionary<string, string> StatusFields(OutboxEntity row, string status) => new()
    {
        ["MessageSid"] = row.ProviderMessageId!,
        ["SmsSid"] = row.ProviderMessageId!,
        ["AccountSid"] = FakeTwilio.AccountSid,
        ["From"] = FakeTwilio.FromNumber,
        ["To"] = row.Recipient,
        ["MessageStatus"] = status,
        ["SmsStatus"] = status,
        ["ApiVersion"] = "2010-04-01",
    };

    private Task<HttpResponseMessage> PostSignedAsync(string path, Dictionary<string, string> fields) =>
        PostAsync(path, fields, TwilioSigning.Sign(FakeTwilio.AuthToken, PublicBaseUrl + path, fields));

    private Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(TwilioSigning.Header, signature);
        return App.Client().SendAsync(request, Ct);
    }
}
