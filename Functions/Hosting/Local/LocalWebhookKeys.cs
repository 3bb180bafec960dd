using System.Security.Cryptography;
using System.Text;

namespace FollowUp.Hosting.Local;

/// <summary>
/// The webhook keys the local launch profiles (<c>Functions/Properties/launchSettings.json</c>) give the
/// app, so <see cref="ProviderCommand"/> can sign what it posts as Twilio and SendGrid would. Like
/// Azurite's well-known account key they are published on purpose and open nothing but a local app;
/// they are set only by the launch profiles, never by the settings files that are deployed.
/// </summary>
internal static class LocalWebhookKeys
{
    /// <summary>What <c>Twilio:AuthToken</c> is locally: the HMAC key of Twilio's request signatures.</summary>
    public const string TwilioAuthToken = "local-dev-only-twilio-auth-token";

    /// <summary>What <c>SendGrid:InboundParseKey</c> is locally: the key in the Inbound Parse URL.</summary>
    public const string InboundParseKey = "local-dev-only-inbound-parse-key";

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
