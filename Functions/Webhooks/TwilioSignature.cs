using System.Security.Cryptography;
using System.Text;

namespace FollowUp.Webhooks;

/// <summary>
/// Twilio's request signature (<c>X-Twilio-Signature</c>): base64 HMAC-SHA1, keyed with the auth token,
/// of the full URL Twilio called followed by every POST field name and value, sorted by name.
/// </summary>
internal static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var data = new StringBuilder(url);
        foreach (var field in fields.OrderBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal))
        {
            data.Append(field.Key).Append(field.Value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>
    /// True when <paramref name="signature"/> matches the URL as configured, or with its default port
    /// written out or left off: Twilio signs whichever form it called, and proxies may change which.
    /// </summary>
    public static bool IsValid(string authToken, string url, IReadOnlyList<KeyValuePair<string, string>> fields, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(signature);
        return UrlForms(url).Any(candidate =>
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Compute(authToken, candidate, fields)), given));
    }

    private static IEnumerable<string> UrlForms(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            yield break;
        }

        var explicitPort = $"{uri.Scheme}://{uri.Host}:{uri.Port}{uri.PathAndQuery}";
        var noPort = $"{uri.Scheme}://{uri.Host}{uri.PathAndQuery}";
        foreach (var form in new[] { explicitPort, noPort })
        {
            if (form != url)
            {
                yield return form;
            }
        }
    }
}
