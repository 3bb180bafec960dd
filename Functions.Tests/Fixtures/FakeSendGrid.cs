using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FollowUp.Tests.Fixtures;

/// <summary>
/// SendGrid's v3 Mail Send API: <c>POST /v3/mail/send</c> with a bearer key and the JSON mail body,
/// 202 with <c>X-Message-Id</c>, or <c>{"errors":[…]}</c> with 400/401/429 (rate-limit headers) or 5xx.
/// </summary>
public sealed class FakeSendGrid : FakeProvider
{
    public const string ApiKey = "fake-sendgrid-key-for-tests";

    private readonly ConcurrentQueue<FakeEmail> _emails = new();

    public IReadOnlyList<FakeEmail> Emails => [.. _emails];

    /// <summary>The last mail body received, as sent.</summary>
    public string? LastBody { get; private set; }

    public static Task<FakeSendGrid> StartAsync() => StartAsync(new FakeSendGrid());

    public Dictionary<string, string?> Settings() => new()
    {
        ["Email:Provider"] = "SendGrid",
        ["SendGrid:ApiKey"] = ApiKey,
        ["SendGrid:FromEmail"] = "hello@brightside.example",
        ["SendGrid:BaseUrl"] = BaseUrl.ToString().TrimEnd('/'),
        ["FollowUp:Business:PostalAddress"] = "12 Main St, Springfield, IL 62701",
    };

    protected override void Map(WebApplication app) => app.MapPost("/v3/mail/send", (Delegate)SendAsync);

    private async Task<IResult> SendAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
        {
            return Errors(401, "The provided authorization grant is invalid, expired, or revoked", null);
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var mail = body.RootElement;
        LastBody = mail.GetRawText();
        var personalization = mail.GetProperty("personalizations")[0];
        var email = new FakeEmail(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(11)),
            personalization.GetProperty("to")[0].GetProperty("email").GetString()!,
            mail.GetProperty("from").GetProperty("email").GetString()!,
            (personalization.TryGetProperty("subject", out var subject) ? subject : mail.GetProperty("subject")).GetString()!,
            mail.GetProperty("content").EnumerateArray().ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("value").GetString()!),
            personalization.TryGetProperty("custom_args", out var args) || mail.TryGetProperty("custom_args", out args)
                ? args.EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetString()!)
                : [],
            mail.GetProperty("tracking_settings").GetProperty("subscription_tracking").GetProperty("enable").GetBoolean(),
            mail.TryGetProperty("reply_to", out var replyTo) ? replyTo.GetProperty("email").GetString() : null);
        switch (NextReply())
        {
            case FakeReply.ErrorReply error:
                return Errors(error.Status, error.Message, "personalizations.0.to.0.email");
            case FakeReply.TooManyReply tooMany:
                context.Response.Headers["X-RateLimit-Limit"] = "600";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] = Clock().AddSeconds(tooMany.RetryAfterSeconds).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                return Errors(429, "too many requests", null);
            case FakeReply.DropReply drop:
                if (drop.AfterAccepting)
                {
                    _emails.Enqueue(email);
                }

                context.Abort();
                return Results.Empty;
            default:
                _emails.Enqueue(email);
                context.Response.Headers["X-Message-Id"] = email.MessageId;
                return Results.StatusCode(202);
        }
    }

    private static IResult Errors(int status, string message, string? field) =>
        Results.Json(new { errors = new[] { new { message, field, help = (string?)null } } }, statusCode: status);
}

public sealed record FakeEmail(
    string MessageId, string To, string From, string Subject, Dictionary<string, string> Content, Dictionary<string, string> CustomArgs, bool SubscriptionTracking,
    string? ReplyTo = null);
