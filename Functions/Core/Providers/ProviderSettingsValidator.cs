using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// Checks at startup that the chosen providers have what they need, naming each missing setting.
/// </summary>
internal sealed class ProviderSettingsValidator(
    IOptions<TwilioOptions> twilio,
    IOptions<SendGridOptions> sendGrid,
    IOptions<BusinessOptions> business,
    IOptions<PublicUrlOptions> publicUrl) : IValidateOptions<SmsOptions>, IValidateOptions<EmailOptions>
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
