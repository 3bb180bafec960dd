using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace FollowUp.Tests.Fixtures;

/// <summary>
/// What Twilio does on its side of a webhook, written from its documentation and independent of the
/// app: the <c>X-Twilio-Signature</c> (base64 HMAC-SHA1, keyed with the auth token, of the URL Twilio
/// called followed by each POST field's name and value, sorted by name), and reading a TwiML answer.
/// </summary>
public static class TwilioSigning
{
    public const string Header = "X-Twilio-Signature";

    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var data = new StringBuilder(url);
        foreach (var field in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(field.Key).Append(field.Value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>The texts of a TwiML <c>&lt;Response&gt;</c>'s <c>&lt;Message&gt;</c> elements, in order.</summary>
    public static IReadOnlyList<string> Replies(string twiml)
    {
        var root = XDocument.Parse(twiml).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return [.. root.Elements("Message").Select(message => message.Value)];
    }
}
