using Microsoft.Extensions.Options;
using Twilio.Security;

namespace FollowUp.Core;

/// <summary>
/// The guard of every Twilio webhook (texts and calls): a body over <see cref="MaxBodyBytes"/> gets 413 before
/// anything is computed over it, and a request not signed by Twilio for this public URL gets 403 and changes nothing.
/// </summary>
internal static class TwilioSignature
{
    /// <summary>Twilio's request signature: HMAC-SHA1 of the URL it called and the POST fields, checked with <see cref="RequestValidator"/>.</summary>
    public const string Header = "X-Twilio-Signature";

    /// <summary>The most a Twilio webhook body may hold; Twilio's are a few kilobytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Refuses the request (413, 403) unless it is Twilio's, for this public URL; null lets it through.</summary>
    public static async ValueTask<IResult?> VerifyAsync(HttpContext http)
    {
        if (await BoundedBody.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted) is not { } body)
        {
            return TypedResults.Problem(
                $"A Twilio webhook body is at most {MaxBodyBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
        }

        http.Request.Body = new MemoryStream(body);
        var twilio = http.RequestServices.GetRequiredService<IOptions<TwilioOptions>>().Value;
        var publicUrl = http.RequestServices.GetRequiredService<IOptions<PublicUrlOptions>>().Value;
        Dictionary<string, string>? fields = [];
        if (http.Request.HasFormContentType)
        {
            try
            {
                var form = await http.Request.ReadFormAsync(http.RequestAborted);
                // Twilio never repeats a field; a form that does is not Twilio's.
                fields = form.Any(f => f.Value.Count != 1) ? null : form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            }
            catch (InvalidDataException)
            {
                fields = null;
            }
        }

        var url = publicUrl.UrlFor(http.Request.Path + http.Request.QueryString);
        var signature = http.Request.Headers[Header].ToString();
        if (fields is null || string.IsNullOrEmpty(publicUrl.PublicBaseUrl) || string.IsNullOrEmpty(twilio.AuthToken) || signature.Length == 0
            || !new RequestValidator(twilio.AuthToken).Validate(url, fields, signature))
        {
            CoreLog.ForgedTwilio(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TwilioSignature)), http.Request.Path);
            return TypedResults.Problem("The request is not signed by Twilio for this URL.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        return null;
    }
}
