using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FollowUp.Tests.Fixtures;

/// <summary>Twilio Voice's REST API in the fake: the Calls API, recordings (audio and delete), and fetching a placed call's TwiML.</summary>
public sealed partial class FakeTwilio
{
    private readonly ConcurrentQueue<FakeCall> _calls = new();
    private readonly ConcurrentQueue<string> _deletedRecordings = new();
    private readonly ConcurrentQueue<(string Url, string Twiml)> _twimlFetches = new();

    /// <summary>Calls placed through the Calls API.</summary>
    public IReadOnlyList<FakeCall> Calls => [.. _calls];

    /// <summary>Recordings deleted (their sids).</summary>
    public IReadOnlyList<string> DeletedRecordings => [.. _deletedRecordings];

    /// <summary>Every TwiML document fetched for a call, with the URL it came from.</summary>
    public IReadOnlyList<(string Url, string Twiml)> TwimlFetches => [.. _twimlFetches];

    partial void MapVoice(WebApplication app)
    {
        app.MapPost($"/2010-04-01/Accounts/{AccountSid}/Calls.json", (Delegate)CreateCallAsync);
        app.MapDelete($"/2010-04-01/Accounts/{AccountSid}/Recordings/{{sid}}.json", (string sid, HttpContext context) =>
        {
            if (Caller(context) is null)
            {
                return Unauthorized();
            }

            if (NextReply() is FakeReply.ErrorReply error)
            {
                return ErrorResource(error.Status, error.Code, error.Message);
            }

            _deletedRecordings.Enqueue(sid);
            return Results.NoContent();
        });
        app.MapGet($"/2010-04-01/Accounts/{AccountSid}/Recordings/{{file}}", (string file, HttpContext context) =>
            Caller(context) is null ? Unauthorized()
            : file.EndsWith(".mp3", StringComparison.Ordinal) && !_deletedRecordings.Contains(file[..^4]) ? Results.Bytes(Audio(file[..^4]), "audio/mpeg")
            : ErrorResource(404, 20404, "The requested resource was not found"));
    }

    /// <summary>
    /// What Twilio does when <paramref name="call"/>'s callee answers: a signed POST of the call's fields to its
    /// <c>Url</c> (the app's public URL, reached at <paramref name="app"/>); the TwiML it answered, also kept in <see cref="TwimlFetches"/>.
    /// </summary>
    public async Task<string> AnswerAsync(FakeCall call, HttpClient app, string publicBaseUrl)
    {
        Assert.StartsWith(publicBaseUrl + "/", call.Url, StringComparison.Ordinal);
        var fields = new Dictionary<string, string>
        {
            ["CallSid"] = call.Sid, ["AccountSid"] = AccountSid, ["From"] = call.From, ["To"] = call.To, ["CallStatus"] = "in-progress",
            ["Direction"] = "outbound-api", ["ApiVersion"] = "2010-04-01", ["Caller"] = call.From, ["Called"] = call.To,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, call.Url[publicBaseUrl.Length..]) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(TwilioSigning.Header, TwilioSigning.Sign(AuthToken, call.Url, fields));
        var response = await app.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var twiml = await response.Content.ReadAsStringAsync();
        _twimlFetches.Enqueue((call.Url, twiml));
        return twiml;
    }

    /// <summary>The bytes Twilio serves for a recording in this fake: an ID3 header and the recording's sid.</summary>
    public static byte[] Audio(string recordingSid) => [.. "ID3"u8, .. Encoding.ASCII.GetBytes(recordingSid)];

    private async Task<IResult> CreateCallAsync(HttpContext context)
    {
        if (Caller(context) is null)
        {
            return Unauthorized();
        }

        var form = await context.Request.ReadFormAsync();
        if (form["To"].ToString().Length == 0 || form["From"].ToString().Length == 0 || (form["Url"].ToString().Length == 0 && form["Twiml"].ToString().Length == 0))
        {
            return ErrorResource(400, 21201, "No 'To', 'From' or 'Url' specified");
        }

        if (NextReply() is FakeReply.ErrorReply scripted)
        {
            return ErrorResource(scripted.Status, scripted.Code, scripted.Message);
        }

        var call = new FakeCall("CA" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), form["To"].ToString(), form["From"].ToString(),
            form["Url"].ToString(), form["Timeout"].ToString(), Clock());
        _calls.Enqueue(call);
        var at = call.CreatedAt.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        return Results.Json(new
        {
            sid = call.Sid, date_created = at, date_updated = at, parent_call_sid = (string?)null, account_sid = AccountSid,
            to = call.To, to_formatted = call.To, from = call.From, from_formatted = call.From, phone_number_sid = "PN00000000000000000000000000000001",
            status = "queued", start_time = (string?)null, end_time = (string?)null, duration = (string?)null, price = (string?)null, price_unit = "USD",
            direction = "outbound-api", answered_by = (string?)null, api_version = "2010-04-01", forwarded_from = (string?)null, group_sid = (string?)null,
            caller_name = (string?)null, queue_time = "0", trunk_sid = (string?)null,
            uri = $"/2010-04-01/Accounts/{AccountSid}/Calls/{call.Sid}.json",
            subresource_uris = new
            {
                notifications = $"/2010-04-01/Accounts/{AccountSid}/Calls/{call.Sid}/Notifications.json",
                recordings = $"/2010-04-01/Accounts/{AccountSid}/Calls/{call.Sid}/Recordings.json",
            },
        }, statusCode: 201);
    }
}

/// <param name="Url">Where Twilio fetches the call's TwiML when the callee answers.</param>
public sealed record FakeCall(string Sid, string To, string From, string Url, string Timeout, DateTimeOffset CreatedAt);
