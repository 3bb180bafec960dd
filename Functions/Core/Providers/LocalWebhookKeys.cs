using System.Security.Cryptography;
using System.Text;

namespace FollowUp.Core;

/// <summary>
/// The webhook keys the local launch profiles (<c>Functions/Properties/launchSettings.json</c>) give the
/// app, so <c>dotnet run -- twilio …</c> can sign what it posts as Twilio and SendGrid would. Like
/// Azurite's well-known account key they are published on purpose and open nothing but a local app:
/// only the launch profiles set them, and outside Development the app refuses to start with any of
/// them (<see cref="UnresolvedSecretValidator"/>), since anyone could sign with them.
/// </summary>
internal static class LocalWebhookKeys
{
    /// <summary>What <c>Twilio:AuthToken</c> is locally: the HMAC key of Twilio's request signatures.</summary>
    public const string TwilioAuthToken = "local-dev-only-twilio-auth-token";

    /// <summary>What <c>SendGrid:InboundParseKey</c> is locally: the key in the Inbound Parse URL.</summary>
    public const string InboundParseKey = "local-dev-only-inbound-parse-key";

    /// <summary>Whether <paramref name="value"/> is one of these public keys.</summary>
    public static bool IsLocal(string? value) =>
        value?.Trim() is { Length: > 0 } given && (given == TwilioAuthToken || given == InboundParseKey || given == SendGridEventPublicKey());

    private const string EventKeyPhrase = "FollowUp local development only: SendGrid event webhook key";

    /// <summary>The P-256 key SendGrid's event webhook signs with, locally: made from a published phrase.</summary>
    public static ECDsa SendGridEventKey() =>
        ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = SHA256.HashData(Encoding.UTF8.GetBytes(EventKeyPhrase)) });

    /// <summary>What <c>SendGrid:WebhookPublicKey</c> is locally: the public half of <see cref="SendGridEventKey"/>, as SendGrid shows it.</summary>
    public static string SendGridEventPublicKey()
    {
        using var key = SendGridEventKey();
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }
}
