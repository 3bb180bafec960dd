using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Notifications;
using FollowUp.Webhooks;

namespace FollowUp.Tests.Webhooks;

/// <summary>
/// SendGrid's signed Event Webhook. The test holds a P-256 key pair, gives the app its public key the way
/// the SendGrid console shows it (base64 DER), and signs timestamp + body as SendGrid does.
/// </summary>
public sealed class SendGridEventTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private FakeSendGrid _sendGrid = null!;
    private FollowUpApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sendGrid = await FakeSendGrid.StartAsync();
        var settings = _sendGrid.Settings();
        settings["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());
        settings["FollowUp:Intake:DuplicateWindow"] = "00:00:00";
        _app = new FollowUpApp(azurite, settings);
        _sendGrid.Clock = _app.Time.GetUtcNow;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sendGrid.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task Unsigned_forged_or_stale_event_calls_get_403_and_store_nothing()
    {
        var body = Events(new { email = "dana@example.com", @event = "bounce", sg_event_id = "ev-forged", timestamp = 1 });
        var now = _app.Time.GetUtcNow().ToUnixTimeSeconds().ToString();
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var unsigned = await _app.Client().PostAsync("/api/sendgrid/events", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var forged = await PostAsync(body, now, Sign(otherKey, now, body));
        var stale = await PostAsync(body, (_app.Time.GetUtcNow().ToUnixTimeSeconds() - 3600).ToString(), Sign(_key, (_app.Time.GetUtcNow().ToUnixTimeSeconds() - 3600).ToString(), body));
        var tampered = await PostAsync(body.Replace("bounce", "open"), now, Sign(_key, now, body));

        Assert.All([unsigned, forged, stale, tampered], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.False(await IsSuppressedAsync("dana@example.com"));
        Assert.Empty(_app.Storage.Runtime.Query<TableEntity>(e => e.PartitionKey == SendGridEventsApi.EventPartition, cancellationToken: Ct));
    }

    [Theory]
    [InlineData("bounce")]
    [InlineData("dropped")]
    [InlineData("spamreport")]
    [InlineData("unsubscribe")]
    [InlineData("group_unsubscribe")]
    public async Task Address_that_bounced_or_opted_out_gets_no_more_email(string type)
    {
        var response = await PostSignedAsync(Events(new { email = "dana@example.com", @event = type, sg_event_id = "ev-" + type, timestamp = 1 }));
        var id = await SubmitAsync("dana@example.com");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(await IsSuppressedAsync("dana@example.com"));
        Assert.Empty(await _app.OutboxAsync(id));
        Assert.Contains(await _app.TimelineAsync(id), e => e.Detail == "No acknowledgment sent: their email address is suppressed (bounced, blocked or marked as spam), and no consent to SMS.");
        Assert.Empty(_sendGrid.Emails);
    }

    [Fact]
    public async Task Delivered_and_open_go_on_the_timeline_once_however_often_sendgrid_repeats_them()
    {
        var id = await SubmitAsync("sam@example.com");
        var row = await TwilioDeliveryTests.WaitForStateAsync(_app, id, OutboxState.Sent);
        var delivered = new { email = "sam@example.com", @event = "delivered", sg_event_id = "ev-d1", inquiry_id = id, outbox_id = row.MessageId, timestamp = 1 };
        var open = new { email = "sam@example.com", @event = "open", sg_event_id = "ev-o1", inquiry_id = id, outbox_id = row.MessageId, timestamp = 2 };

        await PostSignedAsync(Events(delivered, open));
        await PostSignedAsync(Events(delivered));

        var timeline = await _app.TimelineAsync(id);
        Assert.Single(timeline, e => e.Type == "email-delivered");
        Assert.Single(timeline, e => e.Type == "email-open");
        Assert.False(await IsSuppressedAsync("sam@example.com"));
    }

    [Fact]
    public async Task Signed_body_that_is_not_a_json_array_gets_400()
    {
        var response = await PostSignedAsync("""{"event":"open"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signatures_that_are_not_valid_der_get_403_never_500()
    {
        var timestamp = _app.Time.GetUtcNow().ToUnixTimeSeconds().ToString();
        var body = Events(new { email = "dana@example.com", @event = "bounce", sg_event_id = "ev-der", timestamp = 1 });
        var real = Convert.FromBase64String(Sign(_key, timestamp, body));
        byte[][] malformed =
        [
            [.. real.Reverse()],
            [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x01],
            [0x30, 0x06, 0x02, 0x84, 0x7F, 0xFF, 0xFF, 0xFF],
            [0x30, 0x81],
            [.. real.Take(real.Length / 2)],
        ];

        foreach (var signature in malformed)
        {
            var response = await PostAsync(body, timestamp, Convert.ToBase64String(signature));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.False(await IsSuppressedAsync("dana@example.com"));
    }

    /// <summary>Suppressed on the address's contact row, or (for an address FollowUp keeps no row of) by its hashed mark alone.</summary>
    private async Task<bool> IsSuppressedAsync(string email)
    {
        var contact = await _app.Storage.FindContactAsync(ContactEntity.EmailKey(email), Ct);
        return contact?.EmailSuppressed == true || (await _app.Get<FollowUp.Core.ErasedMarks>().FlagsAsync(ContactEntity.EmailKey(email), Ct)).EmailSuppressed;
    }

    private Task<string> SubmitAsync(string email) => _app.SubmitAsync(new { name = "Dana", email });

    private static string Events(params object[] events) => JsonSerializer.Serialize(events);

    private static string Sign(ECDsa key, string timestamp, string body) =>
        Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    private Task<HttpResponseMessage> PostSignedAsync(string body)
    {
        var timestamp = _app.Time.GetUtcNow().ToUnixTimeSeconds().ToString();
        return PostAsync(body, timestamp, Sign(_key, timestamp, body));
    }

    private Task<HttpResponseMessage> PostAsync(string body, string timestamp, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SendGridEventsApi.SignatureHeader, signature);
        request.Headers.Add(SendGridEventsApi.TimestampHeader, timestamp);
        return _app.Client().SendAsync(request, Ct);
    }
}
