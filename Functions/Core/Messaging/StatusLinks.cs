using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// A prospect's status link: <c>{PublicBaseUrl}/api/pages/p/{token}</c>, the token 128 random bits in base64url
/// (22 characters, made by <see cref="IdGenerator.NewStatusToken"/>). The token itself is sent once, in the acknowledgment; storage keeps only its SHA-256.
/// </summary>
internal sealed partial class StatusLinks(IOptions<PublicUrlOptions> urls)
{
    /// <summary>The path every status link starts with (the pages feature serves it).</summary>
    public const string PathPrefix = "/api/pages/p/";

    public const int TokenLength = 22;

    /// <summary>A link of the usual length, for counting what a template costs when no real token is at hand.</summary>
    public const string TypicalBaseUrl = "https://func-followup-abc.azurewebsites.net";

    /// <summary>What storage keeps of a token: its SHA-256, in lower-case hex.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> could be one this app made (checked before any lookup).</summary>
    public static bool IsWellFormed(string? token) => token is { Length: TokenLength } && TokenShape().IsMatch(token);

    /// <summary>The public link of a token.</summary>
    public string UrlFor(string token) => urls.Value.UrlFor(PathPrefix + token);

    /// <summary>A link of the usual length on this app's base URL (for the template report).</summary>
    public string Typical() =>
        (string.IsNullOrWhiteSpace(urls.Value.PublicBaseUrl) ? TypicalBaseUrl : urls.Value.PublicBaseUrl.TrimEnd('/')) + PathPrefix + new string('x', TokenLength);

    /// <summary>A message body with every status link's token cut out, for what is kept after it was sent.</summary>
    public static string Redact(string text) => InText().Replace(text, PathPrefix + "…");

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex TokenShape();

    [GeneratedRegex(@"/api/pages/p/[A-Za-z0-9_-]{22}")]
    private static partial Regex InText();
}
