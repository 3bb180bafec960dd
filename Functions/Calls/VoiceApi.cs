using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Calls;

/// <summary>
/// Twilio Voice's webhooks: the number's Voice URL (<see cref="VoicePaths.Incoming"/>) and the URLs named in the
/// TwiML the app answers. Each is signed by Twilio for the public URL (checked before the handler runs); the field
/// names are Twilio's (<c>CallSid</c>, <c>From</c>, <c>DialCallStatus</c>, <c>RecordingSid</c>, <c>TranscriptionText</c>…).
/// A callback about a call the inquiry does not have (erased, or never made) gets 404 and stores nothing.
/// </summary>
internal static class VoiceApi
{
    private const string TwiMLType = "text/xml; charset=utf-8";

    public static async Task<ContentHttpResult> Incoming(HttpRequest request, IncomingCalls calls, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        return TwiML(await calls.ArriveAsync(form["CallSid"].ToString(), form["From"].ToString(), form["To"].ToString(), Optional(form["CallerName"]), ct));
    }

    public static async Task<ContentHttpResult> Dialed(HttpRequest request, IncomingCalls calls, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        return TwiML(await calls.DialedAsync(
            form["CallSid"].ToString(), form["From"].ToString(), form["DialCallStatus"].ToString(), Number(form["DialCallDuration"]), Optional(form["CallerName"]), ct));
    }

    /// <summary>The <c>&lt;Number url&gt;</c> of a staff phone that answered: runs on their leg before the caller is put through.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Answered(string? call, string? caller, string? staff, IncomingCalls calls, CancellationToken ct) =>
        call is null || caller is null || staff is null || await calls.AnsweredAsync(call, caller, staff, ct) is not { } twiml
            ? UnknownCall()
            : TwiML(twiml);

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Recorded(string? inquiry, HttpRequest request, Voicemails voicemails, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        return IdGenerator.IsInquiryId(inquiry) && form["RecordingSid"].ToString() is { Length: > 0 } recording
            && await voicemails.RecordedAsync(inquiry!, form["CallSid"].ToString(), recording, form["RecordingUrl"].ToString(), Number(form["RecordingDuration"]) ?? 0, ct)
            ? TwiML(VoiceTwiml.Hangup())
            : UnknownCall();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Transcribed(string? inquiry, HttpRequest request, Voicemails voicemails, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        return IdGenerator.IsInquiryId(inquiry)
            && await voicemails.TranscribedAsync(inquiry!, form["CallSid"].ToString(), Optional(form["TranscriptionText"]), form["TranscriptionStatus"].ToString(), ct)
            ? TypedResults.NoContent()
            : UnknownCall();
    }

    public static ContentHttpResult TwiML(string twiml) => TypedResults.Content(twiml, TwiMLType);

    public static ProblemHttpResult UnknownCall() =>
        TypedResults.Problem("No inquiry has this call (it was erased, or never made).", statusCode: StatusCodes.Status404NotFound, title: "Unknown call");

    public static int? Number(Microsoft.Extensions.Primitives.StringValues value) =>
        int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;
}
