using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FollowUp.Tests.Fixtures;

/// <summary>
/// Twilio Programmable Messaging's REST API as far as FollowUp uses it: create a message
/// (<c>POST …/Messages.json</c>, form fields, basic auth, 201 with the message resource or an error
/// resource) and list messages to a number (<c>GET …/Messages.json?To=</c>, newest first). And Voice's:
/// create a call (<c>POST …/Calls.json</c>, 201 with the call resource), delete a recording
/// (<c>DELETE …/Recordings/{sid}.json</c>, 204), and, as Twilio does when a call it placed is answered,
/// fetch the call's TwiML from its <c>Url</c> with a signed request (<see cref="AnswerAsync"/>), keeping each fetch;
/// serve a recording's audio (<c>GET …/Recordings/{sid}.mp3</c>).
/// </summary>
public sealed partial class FakeTwilio : FakeProvider
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "fake-twilio-auth-token-for-tests";
    public const string FromNumber = "+15005550006";

    /// <summary>An API key Twilio accepts in place of the account's auth token.</summary>
    public const string ApiKeySid = "SK00000000000000000000000000000001";
    public const string ApiKeySecret = "fake-twilio-api-key-secret";

    private readonly ConcurrentQueue<FakeSms> _messages = new();

    /// <summary>Messages Twilio holds: each would reach a phone once.</summary>
    public IReadOnlyList<FakeSms> Messages => [.. _messages];

    public static Task<FakeTwilio> StartAsync() => StartAsync(new FakeTwilio());

    /// <summary>The settings that point the app at this fake.</summary>
    public Dictionary<string, string?> Settings(string publicBaseUrl = "https://followup.example") => new()
    {
        ["Sms:Provider"] = "Twilio",
        ["Twilio:AccountSid"] = AccountSid,
        ["Twilio:AuthToken"] = AuthToken,
        ["Twilio:FromNumber"] = FromNumber,
        ["Twilio:BaseUrl"] = BaseUrl.ToString(),
        ["FollowUp:PublicBaseUrl"] = publicBaseUrl,
    };

    /// <summary>The same settings as environment variables, as a process started beside the tests reads them.</summary>
    public Dictionary<string, string> EnvironmentSettings() =>
        Settings().ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value ?? "");

    protected override void Map(WebApplication app)
    {
        var path = $"/2010-04-01/Accounts/{AccountSid}/Messages.json";
        app.MapPost(path, (Delegate)CreateAsync);
        app.MapGet(path, (HttpContext context) => Caller(context) is not null ? Page(context, path) : Unauthorized());
        MapVoice(app);
    }

    /// <summary>Who signed in with HTTP basic auth: the account (its auth token) or the API key; else null.</summary>
    private static string? Caller(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header == Basic(AccountSid, AuthToken) ? AccountSid
            : header == Basic(ApiKeySid, ApiKeySecret) ? ApiKeySid
            : null;
    }

    private static string Basic(string user, string secret) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}"));

    private static IResult Unauthorized() => ErrorResource(401, 20003, "Authenticate");

    private static IResult ErrorResource(int status, int code, string message) =>
        Results.Json(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, statusCode: status);

    private static object Resource(FakeSms m) => new
    {
        sid = m.Sid,
        account_sid = AccountSid,
        to = m.To,
        from = m.From,
        body = m.Body,
        status = "queued",
        num_segments = "1",
        direction = "outbound-api",
        api_version = "2010-04-01",
        price = (string?)null,
        error_code = (int?)null,
        error_message = (string?)null,
        date_created = m.CreatedAt.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture),
        date_updated = m.CreatedAt.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture),
        date_sent = (string?)null,
        uri = $"/2010-04-01/Accounts/{AccountSid}/Messages/{m.Sid}.json",
    };

    /// <summary>The voice half (calls, recordings, TwiML fetches) is in FakeTwilioVoice.cs; the bench links only this file.</summary>
    partial void MapVoice(WebApplication app);

    /// <summary>One page of the messages sent to <c>To</c>, newest first, with Twilio's paging fields.</summary>
    private IResult Page(HttpContext context, string path)
    {
        var query = context.Request.Query;
        var to = query["To"].ToString();
        var size = int.TryParse(query["PageSize"], out var requested) ? Math.Clamp(requested, 1, 1000) : 50;
        var number = int.TryParse(query["Page"], out var page) ? page : 0;
        var matching = _messages.Reverse().Where(m => m.To == to).ToList();
        string Uri(int n) => $"{path}?To={System.Uri.EscapeDataString(to)}&PageSize={size}&Page={n}";
        return Results.Json(new
        {
            messages = matching.Skip(number * size).Take(size).Select(Resource),
            uri = Uri(number),
            first_page_uri = Uri(0),
            next_page_uri = (number + 1) * size < matching.Count ? Uri(number + 1) : null,
            previous_page_uri = number > 0 ? Uri(number - 1) : null,
            page = number,
            page_size = size,
            start = number * size,
            end = Math.Min((number + 1) * size, matching.Count) - 1,
        });
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        if (Caller(context) is not { } caller)
        {
            return Unauthorized();
        }

        var form = await context.Request.ReadFormAsync();
        var message = new FakeSms(
            "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            form["To"].ToString(),
            form["From"].ToString(),
            form["Body"].ToString(),
            form["StatusCallback"].ToString(),
            Clock(),
            caller);
        switch (NextReply())
        {
            case FakeReply.ErrorReply error:
                return ErrorResource(error.Status, error.Code, error.Message);
            case FakeReply.TooManyReply tooMany:
                context.Response.Headers.RetryAfter = tooMany.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return ErrorResource(429, 20429, "Too Many Requests");
            case FakeReply.DropReply drop:
                if (drop.AfterAccepting)
                {
                    _messages.Enqueue(message);
                }

                context.Abort();
                return Results.Empty;
            case FakeReply.SlowReply slow:
                _messages.Enqueue(message);
                await Task.Delay(slow.Delay, CancellationToken.None);
                return Results.Json(Resource(message), statusCode: 201);
            default:
                _messages.Enqueue(message);
                return Results.Json(Resource(message), statusCode: 201);
        }
    }
}

/// <param name="Credential">Who sent it: the account SID (auth token) or the API key SID.</param>
public sealed record FakeSms(string Sid, string To, string From, string Body, string StatusCallback, DateTimeOffset CreatedAt, string Credential);
