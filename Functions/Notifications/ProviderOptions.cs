using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace FollowUp.Notifications;

/// <summary>Which SMS sender runs: <c>Local</c> (the sink, no credentials) or <c>Twilio</c>.</summary>
internal sealed class SmsOptions
{
    public const string SectionName = "Sms";
    public const string Local = "Local";
    public const string Twilio = "Twilio";

    [RegularExpression("^(Local|Twilio)$", ErrorMessage = "Sms:Provider must be Local or Twilio.")]
    public string Provider { get; set; } = Local;
}

/// <summary>Which email sender runs: <c>Local</c> (the sink, no credentials) or <c>SendGrid</c>.</summary>
internal sealed class EmailOptions
{
    public const string SectionName = "Email";
    public const string Local = "Local";
    public const string SendGrid = "SendGrid";

    [RegularExpression("^(Local|SendGrid)$", ErrorMessage = "Email:Provider must be Local or SendGrid.")]
    public string Provider { get; set; } = Local;
}

/// <summary>Twilio Programmable Messaging credentials and sender (environment form <c>Twilio__AuthToken</c>).</summary>
internal sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    public string? AccountSid { get; set; }

    /// <summary>Authenticates API calls (unless an API key is set) and signs Twilio's webhooks.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Optional API key (SK…) used instead of the auth token for API calls.</summary>
    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    public string? FromNumber { get; set; }

    public string? MessagingServiceSid { get; set; }

    public string BaseUrl { get; set; } = "https://api.twilio.com";
}

/// <summary>SendGrid v3 credentials and sender.</summary>
internal sealed class SendGridOptions : System.ComponentModel.DataAnnotations.IValidatableObject
{
    /// <summary>The shortest Inbound Parse key accepted: it is the only proof a post comes from SendGrid, so it must not be guessable.</summary>
    public const int MinInboundParseKeyLength = 24;

    public const string SectionName = "SendGrid";

    public string? ApiKey { get; set; }

    public string? FromEmail { get; set; }

    /// <summary>The Event Webhook's verification key (base64 DER, from the SendGrid console).</summary>
    public string? WebhookPublicKey { get; set; }

    /// <summary>SendGrid validates but does not deliver (for trying a setup).</summary>
    public bool SandboxMode { get; set; }

    /// <summary>
    /// A domain whose mail SendGrid Inbound Parse posts to <c>/api/sendgrid/inbound</c>. When set, every email
    /// to a prospect or referrer carries that person's own Reply-To (<c>r-{token}@{domain}</c>, see
    /// <see cref="Core.ReplyAddresses"/>), so their reply reaches the owner as theirs.
    /// </summary>
    public string? InboundDomain { get; set; }

    /// <summary>The secret in the Inbound Parse URL (<c>?key=…</c>); Inbound Parse posts are not signed, so this is their only proof.</summary>
    public string? InboundParseKey { get; set; }

    /// <summary>
    /// The secret reply addresses are enciphered with (<see cref="Core.ReplyAddresses"/>). Optional: without it they
    /// are derived from <see cref="InboundParseKey"/>, which travels in a URL and whose rotation retires every
    /// reply address already sent; with it, the parse key can be rotated on its own.
    /// </summary>
    public string? ReplyAddressKey { get; set; }

    public string BaseUrl { get; set; } = "https://api.sendgrid.com";

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(InboundDomain) || UnresolvedSecretValidator.IsUnresolved(InboundParseKey))
        {
            yield break;
        }

        if (ReplyAddressKey is { Length: > 0 } replyKey && !UnresolvedSecretValidator.IsUnresolved(replyKey) && replyKey.Trim().Length < MinInboundParseKeyLength)
        {
            yield return new($"SendGrid:ReplyAddressKey, when set, must be a random secret of at least {MinInboundParseKeyLength} characters.", [nameof(ReplyAddressKey)]);
        }

        if ((InboundParseKey?.Trim().Length ?? 0) < MinInboundParseKeyLength)
        {
            yield return new(
                $"SendGrid:InboundDomain is set, so SendGrid:InboundParseKey must be a random secret of at least {MinInboundParseKeyLength} characters " +
                "(e.g. from `openssl rand -base64 32`): it is the only proof that an Inbound Parse post comes from SendGrid.",
                [nameof(InboundParseKey)]);
        }
    }
}

/// <summary>How the dispatcher treats providers' failures.</summary>
internal sealed class DeliveryOptions : IValidatableObject
{
    public const string SectionName = "FollowUp:Delivery";

    /// <summary>
    /// The longest <see cref="ProviderTimeout"/>: one provider call may take up to three times it (the
    /// pipeline's total, retries of lookups included), and that must end well within (half) the
    /// sending lease, so no send can still be running when another worker may take the row over.
    /// </summary>
    public static readonly TimeSpan MaxProviderTimeout = SendNotification.SendingLease / 6;

    /// <summary>Attempts per message before it is marked failed and moved to the poison queue.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first retry delay after a transient failure; doubled each attempt, with jitter, capped at an hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one provider call may take before its outcome counts as unknown.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Whether intake sends the acknowledgment itself right after storing it, rather than leaving it to
    /// the queue function alone. The queue message stays the safety net either way.
    /// </summary>
    public bool SendOnIntake { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ProviderTimeout > MaxProviderTimeout)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(ProviderTimeout)} {ProviderTimeout:c} is too long: it must be at most {MaxProviderTimeout:c}, so that a send " +
                $"(up to 3 times the timeout) ends well within the {SendNotification.SendingLease.TotalMinutes:0}-minute sending lease.",
                [nameof(ProviderTimeout)]);
        }
    }
}

/// <summary>
/// A secret setting that still reads <c>@Microsoft.KeyVault(…)</c> is a Key Vault reference App Service
/// could not resolve. Its text is not secret (anyone can read it in the template), so using it, say as
/// the key Twilio's webhook signatures are checked with, would let anyone sign: the app refuses to start.
/// </summary>
internal sealed class UnresolvedSecretValidator : IValidateOptions<TwilioOptions>, IValidateOptions<SendGridOptions>
{
    public const string ReferencePrefix = "@Microsoft.KeyVault(";

    public ValidateOptionsResult Validate(string? name, TwilioOptions options) =>
        Check(("Twilio:AuthToken", options.AuthToken), ("Twilio:ApiKeySecret", options.ApiKeySecret));

    public ValidateOptionsResult Validate(string? name, SendGridOptions options) =>
        Check(("SendGrid:ApiKey", options.ApiKey), ("SendGrid:InboundParseKey", options.InboundParseKey), ("SendGrid:ReplyAddressKey", options.ReplyAddressKey));

    /// <summary>Whether a secret setting's value is a Key Vault reference App Service left unresolved.</summary>
    public static bool IsUnresolved(string? value) => value?.TrimStart().StartsWith(ReferencePrefix, StringComparison.OrdinalIgnoreCase) == true;

    public static string Problem(string setting) =>
        $"{setting} is an unresolved Key Vault reference: App Service could not read the secret. Give the app's identity " +
        "'Key Vault Secrets User' on the vault and check the secret exists; the app will not use the reference's text as a secret.";

    private static ValidateOptionsResult Check(params (string Setting, string? Value)[] secrets)
    {
        var unresolved = secrets.Where(s => IsUnresolved(s.Value)).ToList();
        return unresolved.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(unresolved.Select(s => Problem(s.Setting)));
    }
}

/// <summary>
/// Checks at startup that the chosen providers have what they need, naming each missing setting.
/// </summary>
internal sealed class ProviderSettingsValidator(
    IOptions<TwilioOptions> twilio,
    IOptions<SendGridOptions> sendGrid,
    IOptions<BusinessOptions> business,
    IOptions<Webhooks.PublicUrlOptions> publicUrl) : IValidateOptions<SmsOptions>, IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsOptions options)
    {
        if (options.Provider != SmsOptions.Twilio)
        {
            return ValidateOptionsResult.Success;
        }

        var t = twilio.Value;
        var missing = new List<string>();
        Require(missing, t.AccountSid, "Twilio:AccountSid");
        Require(missing, t.AuthToken, "Twilio:AuthToken");
        if (string.IsNullOrWhiteSpace(t.FromNumber) && string.IsNullOrWhiteSpace(t.MessagingServiceSid))
        {
            missing.Add("Twilio:FromNumber or Twilio:MessagingServiceSid");
        }

        if (string.IsNullOrWhiteSpace(t.ApiKeySid) != string.IsNullOrWhiteSpace(t.ApiKeySecret))
        {
            missing.Add("both Twilio:ApiKeySid and Twilio:ApiKeySecret (or neither)");
        }

        Require(missing, publicUrl.Value.PublicBaseUrl, "FollowUp:PublicBaseUrl");
        return Result("Sms:Provider is Twilio", missing);
    }

    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        if (options.Provider != EmailOptions.SendGrid)
        {
            return ValidateOptionsResult.Success;
        }

        var missing = new List<string>();
        Require(missing, sendGrid.Value.ApiKey, "SendGrid:ApiKey");
        Require(missing, sendGrid.Value.FromEmail, "SendGrid:FromEmail");
        Require(missing, business.Value.PostalAddress, "FollowUp:Business:PostalAddress");
        return Result("Email:Provider is SendGrid", missing);
    }

    private static void Require(List<string> missing, string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            missing.Add(setting);
        }
    }

    private static ValidateOptionsResult Result(string because, List<string> missing) =>
        missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(missing.Select(setting =>
                $"{because}, so {setting} must be set (environment variables use '__' for ':', e.g. {setting.Split(' ')[0].Replace(":", "__")})."));
}
