using System.Text.Json;

namespace FollowUp.Core;

/// <summary>
/// The signed-in user App Service Authentication passes on in <c>X-MS-CLIENT-PRINCIPAL</c>: base64 of
/// <c>{"auth_typ":"aad","claims":[{"typ":"…","val":"…"}],"name_typ":"…","role_typ":"…"}</c>. A person is
/// known by the provider (<c>auth_typ</c>) and their object id there, never by a name or email, which
/// can be changed or reused.
/// </summary>
internal sealed record PlatformPrincipal(string Provider, string Id)
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>
    /// The claims that carry a user's stable id, best first: Entra ID's object id, then the generic name
    /// identifier other providers (GitHub, Google, …) fill with their user id.
    /// </summary>
    private static readonly string[] IdClaims =
    [
        "http://schemas.microsoft.com/identity/claims/objectidentifier",
        "oid",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier",
        "sub",
    ];

    /// <summary>Longer than any real principal header; anything bigger is not read.</summary>
    private const int MaxHeaderChars = 32 * 1024;

    public string Key => KeyOf(Provider, Id);

    public static string KeyOf(string provider, string id) => provider.Trim().ToLowerInvariant() + "/" + id.Trim().ToLowerInvariant();

    /// <summary>The principal in a header value; null when it is missing, malformed or names no user id.</summary>
    public static PlatformPrincipal? Read(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderChars)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(Convert.FromBase64String(header.Trim()));
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("auth_typ", out var provider) || provider.GetString() is not { Length: > 0 } providerName
                || !json.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var byType = claims.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && Text(c, "typ") is not null && Text(c, "val") is { Length: > 0 })
                .GroupBy(c => Text(c, "typ")!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => Text(g.First(), "val")!, StringComparer.OrdinalIgnoreCase);
            return IdClaims.Select(byType.GetValueOrDefault).FirstOrDefault(v => v is not null) is { } id
                ? new PlatformPrincipal(providerName, id)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement claim, string name) =>
        claim.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
