using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Calls;

/// <summary>
/// Twilio Voice's webhooks: the number's Voice URL (<see cref="VoicePaths.Incoming"/>) and the URLs named in the
/// TwiML the app answers. Each is signed by Twilio for the public URL (checked before the handler runs); the field
/// names are Twilio's (<c>CallSid</c>, <c>From</c>, <c>DialCallStatus</c>, <c>RecordingSid</c>, <c>TranscriptionText</c>…).
/// A callback about a call the inquiry does not have (erased, or never made) gets 404 and stores nothing; a recording it
/// names is deleted at Twilio.
/// </summary>
internal static class VoiceApi
{
    private const string TwiMLType = "text/xml; charset=utf-8";

    public static async Task<ContentHttpResult> Incoming(HttpRequest request, IncomingCalls calls, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        return TwiML(await calls.ArriveAsync(form["CallSid"].ToString(), form["From"].ToString(), form["To"].ToString(), Optional(form["CallerName"]), ct));
    }

    public static async Task<ContentHttpResult> Dialed(string? rang, HttpRequest request, IncomingCalls calls, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        return TwiML(await calls.DialedAsync(form["CallSid"].ToString(), form["From"].ToString(), form["To"].ToString(), form["DialCallStatus"].ToString(),
            Number(form["DialCallDuration"]), Optional(form["CallerName"]), rang, ct));
    }

    /// <summary>The <c>&lt;Number url&gt;</c> of a staff phone that answered: runs on their leg before the caller is put through.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Answered(string? call, string? caller, string? staff, AnsweredCalls calls, CancellationToken ct) =>
        !IsCallSid(call) || caller is null || staff is null || await calls.AnsweredAsync(call!, caller, staff, ct) is not { } twiml
            ? UnknownCall()
            : TwiML(twiml);

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Recorded(string? inquiry, HttpRequest request, Voicemails voicemails, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        if (IdGenerator.IsInquiryId(inquiry) && IsCallSid(form["CallSid"].ToString()) && form["RecordingSid"].ToString() is { Length: > 0 } recording
            && await voicemails.RecordedAsync(inquiry!, form["CallSid"].ToString(), recording, Number(form["RecordingDuration"]) ?? 0, ct))
        {
            return TwiML(VoiceTwiml.Hangup());
        }

        await voicemails.OrphanedAsync(form["RecordingSid"].ToString(), ct);
        return UnknownCall();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Transcribed(string? inquiry, HttpRequest request, Voicemails voicemails, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        if (IdGenerator.IsInquiryId(inquiry) && IsCallSid(form["CallSid"].ToString())
            && await voicemails.TranscribedAsync(inquiry!, form["CallSid"].ToString(), Optional(form["TranscriptionText"]), form["TranscriptionStatus"].ToString(), ct))
        {
            return TypedResults.NoContent();
        }

        await voicemails.OrphanedAsync(form["RecordingSid"].ToString(), ct);
        return UnknownCall();
    }

    /// <summary>The <c>Url</c> of a click-to-call, fetched when the staff member answers: bridge them to the prospect.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Bridge(string? inquiry, string? staff, HttpRequest request, CallBridges bridges, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        return IdGenerator.IsInquiryId(inquiry) && staff is not null && IsCallSid(form["CallSid"].ToString())
            && await bridges.BridgeAsync(inquiry!, staff, form["CallSid"].ToString(), ct) is { } twiml
            ? TwiML(twiml)
            : UnknownCall();
    }

    /// <summary>The bridge's <c>&lt;Dial action&gt;</c>: logs the attempt by itself.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Bridged(string? inquiry, string? call, HttpRequest request, CallBridges bridges, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        return IdGenerator.IsInquiryId(inquiry) && IsCallSid(call)
            && await bridges.BridgedAsync(inquiry!, call!, form["DialCallStatus"].ToString(), Number(form["DialCallDuration"]) ?? 0, ct)
            ? TwiML(VoiceTwiml.Hangup())
            : UnknownCall();
    }

    /// <summary>The <c>amdStatusCallback</c> of the prospect's leg: who answered (<c>AnsweredBy</c>).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> MachineDetected(string? inquiry, string? call, HttpRequest request, CallBridges bridges, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        return IdGenerator.IsInquiryId(inquiry) && IsCallSid(call) && await bridges.DetectedAsync(inquiry!, call!, form["AnsweredBy"].ToString(), ct)
            ? TypedResults.NoContent()
            : UnknownCall();
    }

    /// <summary>Whether a value is shaped like Twilio's call sid (<c>CA</c> and 32 letters and digits): anything else names no call.</summary>
    public static bool IsCallSid(string? sid) => sid is { Length: 34 } && sid.StartsWith("CA", StringComparison.Ordinal) && sid.All(char.IsAsciiLetterOrDigit);

    public static ContentHttpResult TwiML(string twiml) => TypedResults.Content(twiml, TwiMLType);

    public static ProblemHttpResult UnknownCall() =>
        TypedResults.Problem("No inquiry has this call (it was erased, or never made).", statusCode: StatusCodes.Status404NotFound, title: "Unknown call");

    public static int? Number(Microsoft.Extensions.Primitives.StringValues value) =>
        int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;
}
