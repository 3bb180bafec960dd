using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FollowUp.Calls;

/// <summary>
/// A voicemail played to staff through the app (<c>GET /api/staff/inquiries/{id}/calls/{callSid}/recording</c>): fetched from
/// Twilio with the account's credentials by the recording's id (never by a stored URL), so no public link to it exists.
/// </summary>
internal sealed class RecordingAudio(IHttpClientFactory clients, IOptions<TwilioOptions> options)
{
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Play(
        string id, string callSid, HttpContext http, FollowUpStorage storage, InquiryVisibility visibility, RecordingAudio audio, CancellationToken ct)
    {
        if (!IdGenerator.IsInquiryId(id) || !VoiceApi.IsCallSid(callSid) || await storage.FindInquiryAsync(id, ct) is not { } inquiry)
        {
            return TypedResults.Problem($"No inquiry {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        if (!(await visibility.ForAsync(http.Caller(), ct))(inquiry))
        {
            return TypedResults.Problem("Only its owner or a manager may hear it.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        var call = await storage.Inquiries.GetEntityIfExistsAsync<CallEntity>(id, CallEntity.Row(callSid), cancellationToken: ct);
        if (!call.HasValue || call.Value!.RecordingSid is not { Length: > 0 } recording)
        {
            return TypedResults.Problem("This call left no voicemail.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return await audio.FetchAsync(recording, ct) is { } stream
            ? TypedResults.Stream(stream, "audio/mpeg", $"voicemail-{IdGenerator.ShortCode(id)}.mp3")
            : TypedResults.Problem("Twilio did not give the recording; try again.", statusCode: StatusCodes.Status502BadGateway, title: "Recording unavailable");
    }

    /// <summary>The recording's MP3 from Twilio, or null when Twilio does not give it.</summary>
    public async Task<Stream?> FetchAsync(string recordingSid, CancellationToken cancellationToken)
    {
        var twilio = options.Value;
        var (user, secret) = string.IsNullOrWhiteSpace(twilio.ApiKeySid) ? (twilio.AccountSid, twilio.AuthToken) : (twilio.ApiKeySid, twilio.ApiKeySecret);
        var request = new HttpRequestMessage(HttpMethod.Get,
            $"https://api.twilio.com/2010-04-01/Accounts/{Uri.EscapeDataString(twilio.AccountSid ?? "")}/Recordings/{Uri.EscapeDataString(recordingSid)}.mp3");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        var response = await clients.CreateClient(TwilioOptions.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            return null;
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }
}
