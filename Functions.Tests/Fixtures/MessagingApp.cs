using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FollowUp.Webhooks;

namespace FollowUp.Tests.Fixtures;

/// <summary>
/// The app on both providers, each faked at the wire: Twilio for texts, SendGrid for email (signed Event
/// Webhook, Inbound Parse on a reply domain with its key). Tests speak to it the way the providers do:
/// signed texts and status callbacks, signed event batches, Inbound Parse posts.
/// </summary>
public sealed class MessagingApp : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://followup.example";
    public const string ReplyDomain = "reply.brightside.example";
    public const string InboundParseKey = "inbound-parse-key-for-tests-0123";

    private readonly ECDsa _eventKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private MessagingApp(FakeTwilio twilio, FakeSendGrid sendGrid)
    {
        Twilio = twilio;
        SendGrid = sendGrid;
    }

    public FakeTwilio Twilio { get; }

    public FakeSendGrid SendGrid { get; }

    public FollowUpApp App { get; private set; } = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="settings">Settings beside the providers' own.</param>
    public static async Task<MessagingApp> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null)
    {
        var fixture = new MessagingApp(await FakeTwilio.StartAsync(), await FakeSendGrid.StartAsync());
        var all = fixture.Twilio.Settings(PublicBaseUrl);
        foreach (var (key, value) in fixture.SendGrid.Settings())
        {
            all[key] = value;
        }

        all["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(fixture._eventKey.ExportSubjectPublicKeyInfo());
        all["SendGrid:InboundDomain"] = ReplyDomain;
        all["SendGrid:InboundParseKey"] = InboundParseKey;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        fixture.App = new FollowUpApp(azurite, all);
        fixture.Twilio.Clock = fixture.App.Time.GetUtcNow;
        fixture.SendGrid.Clock = fixture.App.Time.GetUtcNow;
        return fixture;
    }

    /// <summary>A text to the business number, signed as Twilio signs it; the TwiML answer's messages.</summary>
    public async Task<IReadOnlyList<string>> TextAsync(string from, string body) =>
        TwilioSigning.Replies(await TwilioSigning.TextAsync(App, PublicBaseUrl, from, body));

    /// <summary>A delivery status callback for a text, signed as Twilio signs it, to the URL the app gave with the text.</summary>
    public async Task<HttpResponseMessage> StatusAsync(string inquiryId, string messageId, string to, string status, string? errorCode = null)
    {
        var path = $"{TwilioWebhooksApi.StatusPath}?inquiry={inquiryId}&message={messageId}";
        var fields = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"), ["AccountSid"] = FakeTwilio.AccountSid, ["From"] = FakeTwilio.FromNumber,
            ["To"] = to, ["MessageStatus"] = status, ["ApiVersion"] = "2010-04-01",
        };
        if (errorCode is not null)
        {
            fields["ErrorCode"] = errorCode;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(TwilioSigning.Header, TwilioSigning.Sign(FakeTwilio.AuthToken, PublicBaseUrl + path, fields));
        return await App.Client().SendAsync(request, Ct);
    }

    /// <summary>A batch of SendGrid events, signed as the Event Webhook signs them (ECDSA over the timestamp and the body).</summary>
    public async Task<HttpResponseMessage> EventsAsync(params object[] events)
    {
        var body = JsonSerializer.Serialize(events);
        var timestamp = App.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(_eventKey.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SendGridEventsApi.SignatureHeader, signature);
        request.Headers.Add(SendGridEventsApi.TimestampHeader, timestamp);
        return await App.Client().SendAsync(request, Ct);
    }

    /// <summary>An email to <paramref name="to"/>, as Inbound Parse posts it, with the receiving server's SPF and DKIM results when given.</summary>
    public async Task<HttpResponseMessage> EmailAsync(string to, string from, string text, string? spf = null, string? dkim = null)
    {
        var address = new System.Net.Mail.MailAddress(from).Address;
        var form = new MultipartFormDataContent
        {
            { new StringContent(from), "from" },
            { new StringContent(to), "to" },
            { new StringContent("Re: your message"), "subject" },
            { new StringContent(text), "text" },
            { new StringContent($"{{\"to\":[\"{to}\"],\"from\":\"{address}\"}}"), "envelope" },
            { new StringContent("Received: by mx.sendgrid.net"), "headers" },
            { new StringContent("0"), "attachments" },
        };
        if (spf is not null)
        {
            form.Add(new StringContent(spf), "SPF");
        }

        if (dkim is not null)
        {
            form.Add(new StringContent(dkim), "dkim");
        }

        var response = await App.Client().PostAsync($"/api/sendgrid/inbound?key={InboundParseKey}", form, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    /// <summary>The reply address the app gives a party of an inquiry on its emails.</summary>
    internal string ReplyAddress(string inquiryId, FollowUp.Core.Party party = FollowUp.Core.Party.Prospect) =>
        App.Get<FollowUp.Core.ReplyAddresses>().For(inquiryId, party)!;

    /// <summary>The <paramref name="nth"/> text to <paramref name="to"/>, once the fake Twilio has it.</summary>
    public async Task<FakeSms> SmsToAsync(string to, int nth) =>
        (await Eventually.GetAsync(() => Task.FromResult(Twilio.Messages.Where(m => m.To == to).ToList()), sent => sent.Count >= nth, $"text {nth} to {to}"))[nth - 1];

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Twilio.DisposeAsync();
        await SendGrid.DisposeAsync();
        _eventKey.Dispose();
    }
}
