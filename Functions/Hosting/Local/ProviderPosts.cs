using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FollowUp.Notifications;
using FollowUp.Webhooks;
using Microsoft.AspNetCore.WebUtilities;

namespace FollowUp.Hosting.Local;

/// <summary>
/// The four posts <see cref="ProviderCommand"/> makes, shaped as Twilio and SendGrid send them (their
/// documented fields and signatures) and signed with the keys the app was given.
/// </summary>
internal sealed class ProviderPosts(IConfiguration configuration, string contentRoot, TimeProvider time)
{
    /// <summary>Twilio's test number, for a business number when none is set (the local sink needs none).</summary>
    private const string AnyBusinessNumber = "+15005550006";

    private readonly TwilioOptions _twilio = configuration.GetSection(TwilioOptions.SectionName).Get<TwilioOptions>() ?? new();
    private readonly SendGridOptions _sendGrid = configuration.GetSection(SendGridOptions.SectionName).Get<SendGridOptions>() ?? new();
    private readonly PublicUrlOptions _public = configuration.GetSection(PublicUrlOptions.SectionName).Get<PublicUrlOptions>() ?? new();

    private string SinkPath => Path.GetFullPath(
        (configuration.GetSection(LocalSinkOptions.SectionName).Get<LocalSinkOptions>() ?? new()).Path, contentRoot);

    /// <summary>A text from <paramref name="from"/> to the business number: a staff command, or a prospect's reply.</summary>
    public HttpRequestMessage Text(string from, string body)
    {
        var sid = "SM" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        return Twilio(TwilioWebhooksApi.InboundPath, new()
        {
            ["MessageSid"] = sid, ["SmsSid"] = sid, ["SmsMessageSid"] = sid, ["AccountSid"] = AccountSid,
            ["From"] = from, ["To"] = BusinessNumber, ["Body"] = body, ["NumMedia"] = "0", ["NumSegments"] = "1",
            ["SmsStatus"] = "received", ["ApiVersion"] = "2010-04-01",
        });
    }

    /// <summary>Twilio's status callback for a text the local sink sent.</summary>
    public HttpRequestMessage Status(string messageId, string status, string? errorCode)
    {
        var sent = Sent(messageId, Channels.Sms);
        var sid = "SM" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..32];
        var fields = new Dictionary<string, string>
        {
            ["MessageSid"] = sid, ["SmsSid"] = sid, ["AccountSid"] = AccountSid, ["From"] = BusinessNumber, ["To"] = sent.To,
            ["MessageStatus"] = status, ["SmsStatus"] = status, ["ApiVersion"] = "2010-04-01",
        };
        if (errorCode is not null)
        {
            fields["ErrorCode"] = errorCode;
        }

        var statusUrl = new Uri(_public.TwilioStatusUrl(sent.InquiryId, sent.MessageId));
        return Twilio(statusUrl.PathAndQuery, fields);
    }

    /// <summary>SendGrid's event webhook: one event about an email the local sink sent.</summary>
    public HttpRequestMessage Event(string messageId, string type, string? reason)
    {
        if (!string.Equals(_sendGrid.WebhookPublicKey, LocalWebhookKeys.SendGridEventPublicKey(), StringComparison.Ordinal))
        {
            throw new CommandProblem(
                "SendGrid:WebhookPublicKey is not the local development key, so the app would refuse the event. " +
                "Run the app with its launch profile (dotnet run --project Functions), which sets it.");
        }

        var sent = Sent(messageId, Channels.Email);
        var item = new Dictionary<string, object>
        {
            ["email"] = sent.To, ["timestamp"] = time.GetUtcNow().ToUnixTimeSeconds(), ["event"] = type,
            ["sg_event_id"] = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(16)), ["sg_message_id"] = "local-" + sent.MessageId,
            [SendGridOptions.InquiryIdArg] = sent.InquiryId, [SendGridOptions.MessageIdArg] = sent.MessageId,
        };
        if (reason is not null)
        {
            item["reason"] = reason;
        }

        var body = JsonSerializer.Serialize(new[] { item });
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString();
        using var key = LocalWebhookKeys.SendGridEventKey();
        var signature = key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SendGridEventsApi.SignatureHeader, Convert.ToBase64String(signature));
        request.Headers.Add(SendGridEventsApi.TimestampHeader, timestamp);
        return request;
    }

    /// <summary>An email from <paramref name="from"/> to the reply address of the last email the local sink sent them, as Inbound Parse posts it.</summary>
    public HttpRequestMessage Email(string from, string text)
    {
        var addresses = ReplyAddresses.From(_sendGrid);
        if (string.IsNullOrEmpty(_sendGrid.InboundParseKey) || string.IsNullOrWhiteSpace(_sendGrid.InboundDomain))
        {
            throw new CommandProblem(
                "SendGrid:InboundDomain and SendGrid:InboundParseKey are not set, so the app takes no email replies. " +
                "Run the app with its launch profile (dotnet run --project Functions), which sets them.");
        }

        var sent = SentLine.ReadAll(SinkPath).LastOrDefault(m => m.Channel == Channels.Email && EmailSender.Same(m.To, from) && MessageKinds.PartyOf(m.Kind) is not null)
            ?? throw new CommandProblem($"The local sink ({SinkPath}) has sent no email to {from} that a reply could answer.");
        var to = addresses.For(sent.InquiryId, MessageKinds.PartyOf(sent.Kind)!.Value)!;
        var domain = from[(from.LastIndexOf('@') + 1)..];
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in new Dictionary<string, string>
                 {
                     ["headers"] = $"From: {from}\nTo: {to}\nSubject: Re: your message\n", ["dkim"] = $"{{@{domain} : pass}}",
                     ["to"] = to, ["from"] = from, ["subject"] = "Re: your message", ["text"] = text, ["sender_ip"] = "127.0.0.1",
                     ["envelope"] = JsonSerializer.Serialize(new { to = new[] { to }, from }), ["attachments"] = "0",
                     ["charsets"] = """{"to":"UTF-8","from":"UTF-8","subject":"UTF-8","text":"UTF-8"}""", ["SPF"] = "pass",
                 })
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }

        return new HttpRequestMessage(HttpMethod.Post, $"/api/sendgrid/inbound?key={Uri.EscapeDataString(_sendGrid.InboundParseKey)}") { Content = form };
    }

    private string AccountSid => _twilio.AccountSid is { Length: > 0 } sid ? sid : "AC" + new string('0', 32);

    private string BusinessNumber => _twilio.FromNumber is { Length: > 0 } number ? number : AnyBusinessNumber;

    private HttpRequestMessage Twilio(string pathAndQuery, Dictionary<string, string> fields)
    {
        if (string.IsNullOrEmpty(_twilio.AuthToken) || string.IsNullOrEmpty(_public.PublicBaseUrl))
        {
            throw new CommandProblem(
                "Twilio:AuthToken or FollowUp:PublicBaseUrl is not set, so the app refuses every Twilio webhook. " +
                "Run the app with its launch profile (dotnet run --project Functions), which sets both.");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(fields) };
        var signed = new StringBuilder(_public.UrlFor(pathAndQuery));
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            signed.Append(name).Append(value);
        }

        var signature = HMACSHA1.HashData(Encoding.UTF8.GetBytes(_twilio.AuthToken), Encoding.UTF8.GetBytes(signed.ToString()));
        request.Headers.Add(TwilioSignature.Header, Convert.ToBase64String(signature));
        return request;
    }

    private SentLine Sent(string messageId, string channel) =>
        SentLine.ReadAll(SinkPath).LastOrDefault(m => m.MessageId == messageId && m.Channel == channel)
        ?? throw new CommandProblem($"The local sink ({SinkPath}) has no {(channel == Channels.Sms ? "text" : "email")} with the message id {messageId}.");
}
