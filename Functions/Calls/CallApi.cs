using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Calls;

/// <summary>Click-to-call from the staff API and the staff page.</summary>
internal static class CallApi
{
    /// <summary>What a placed call answers: Twilio's id of the call now ringing the staff member's mobile.</summary>
    public sealed record CallPlaced(string CallSid, string Status);

    public static async Task<Results<Accepted<CallPlaced>, ProblemHttpResult>> Call(string id, HttpContext http, ClickToCall calls, CancellationToken ct)
    {
        var (sid, status, refusal) = await calls.StartAsync(id, http.Caller(), ct);
        return sid is null
            ? TypedResults.Problem(refusal, statusCode: status, title: status switch { 404 => "Not found", 403 => "Forbidden", _ => "Cannot call" })
            : TypedResults.Accepted((string?)null, new CallPlaced(sid, "ringing"));
    }
}
