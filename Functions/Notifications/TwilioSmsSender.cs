using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FollowUp.Webhooks;
using Microsoft.Extensions.Options;

namespace FollowUp.Notifications;

/// <summary>
/// Sends SMS through Twilio Programmable Messaging's REST API
/// (<c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>) with basic auth, and looks messages
/// up again after an ambiguous attempt. The HTTP client never retries a send by itself: a blind
/// retry of a POST that reached Twilio would text the prospect twice.
/// </summary>
internal sealed class TwilioSmsSender(
    IHttpClientFactory clients,
    IOptions<TwilioOptions> options,
    IOptions<PublicUrlOptions> publicUrl,
    TimeProvider time) : ISmsSender
{
    public const string ClientName = "twilio";

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var twilio = options.Value;
        var form = new List<KeyValuePair<string, string>> { new("To", message.To), new("Body", message.Body) };
        form.Add(string.IsNullOrWhiteSpace(twilio.MessagingServiceSid)
            ? new("From", twilio.FromNumber!)
            : new("MessagingServiceSid", twilio.MessagingServiceSid));
        form.Add(new("StatusCallback", TwilioWebhooksApi.StatusCallbackUrl(publicUrl.Value, message.InquiryId, message.MessageId)));

        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesPath()) { Content = new FormUrlEncodedContent(form) };
        try
        {
            using var response = await Client().SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var created = JsonSerializer.Deserialize<TwilioMessage>(body);
                return created?.Sid is { Length: > 0 } sid
                    ? new SendOutcome.Accepted(sid, created.Status)
                    : new SendOutcome.Ambiguous("Twilio accepted the request but returned no message sid.");
            }

            var error = TryRead<TwilioError>(body);
            var code = error?.Code?.ToString(CultureInfo.InvariantCulture) ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            var reason = error?.Message ?? response.ReasonPhrase ?? "error";
            return (int)response.StatusCode is 429 or >= 500
                ? new SendOutcome.Transient(code, reason, TransportFailures.RetryAfter(response, time))
                : new SendOutcome.Permanent(code, reason);
        }
        catch (Exception ex) when (TransportFailures.Classify(ex, cancellationToken) is { } outcome)
        {
            return outcome;
        }
    }

    public async Task<string?> FindSentAsync(OutgoingMessage message, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // Newest first; a message still queued has no DateSent yet, so filter by recipient and creation time.
        var path = $"{MessagesPath()}?To={Uri.EscapeDataString(message.To)}&PageSize=50";
        using var response = await Client().GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        var page = JsonSerializer.Deserialize<TwilioMessagePage>(await response.Content.ReadAsStringAsync(cancellationToken));
        // Allows for our clock and Twilio's disagreeing by a few minutes.
        var after = since - TimeSpan.FromMinutes(5);
        return page?.Messages?.FirstOrDefault(m =>
            m.Body is not null && m.Body.EndsWith(message.Body, StringComparison.Ordinal) && ParseDate(m.DateCreated) >= after)?.Sid;
    }

    /// <summary>Basic auth with the account's auth token, or with an API key when one is set.</summary>
    public static AuthenticationHeaderValue Authorization(TwilioOptions twilio)
    {
        var (user, secret) = string.IsNullOrWhiteSpace(twilio.ApiKeySid)
            ? (twilio.AccountSid, twilio.AuthToken)
            : (twilio.ApiKeySid, twilio.ApiKeySecret);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
    }

    private HttpClient Client() => clients.CreateClient(ClientName);

    private string MessagesPath() => $"2010-04-01/Accounts/{Uri.EscapeDataString(options.Value.AccountSid!)}/Messages.json";

    /// <summary>Twilio writes dates as RFC 2822: <c>Thu, 24 Aug 2023 05:01:45 +0000</c>.</summary>
    private static DateTimeOffset ParseDate(string? value) =>
        DateTimeOffset.TryParseExact(value, "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date)
            ? date
            : DateTimeOffset.MinValue;

    private static T? TryRead<T>(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private sealed record TwilioMessage(
        [property: JsonPropertyName("sid")] string? Sid,
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("body")] string? Body,
        [property: JsonPropertyName("date_created")] string? DateCreated);

    private sealed record TwilioMessagePage([property: JsonPropertyName("messages")] List<TwilioMessage>? Messages);

    private sealed record TwilioError(
        [property: JsonPropertyName("code")] int? Code,
        [property: JsonPropertyName("message")] string? Message);
}
