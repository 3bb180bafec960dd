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

    /// <summary>
    /// A text to the business number from <paramref name="from"/>, posted and signed as Twilio posts it to
    /// <paramref name="app"/> (whose <c>Twilio:PublicBaseUrl</c> is <paramref name="publicBaseUrl"/>); the TwiML answer.
    /// </summary>
    public static async Task<string> TextAsync(FollowUpApp app, string publicBaseUrl, string from, string body)
    {
        const string path = "/api/twilio/inbound";
        var fields = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"), ["AccountSid"] = FakeTwilio.AccountSid,
            ["From"] = from, ["To"] = FakeTwilio.FromNumber, ["Body"] = body, ["NumMedia"] = "0",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(Header, Sign(FakeTwilio.AuthToken, publicBaseUrl + path, fields));
        var response = await app.Client().SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The texts of a TwiML <c>&lt;Response&gt;</c>'s <c>&lt;Message&gt;</c> elements, in order.</summary>
    public static IReadOnlyList<string> Replies(string twiml)
    {
        var root = XDocument.Parse(twiml).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return [.. root.Elements("Message").Select(message => message.Value)];
    }
}
