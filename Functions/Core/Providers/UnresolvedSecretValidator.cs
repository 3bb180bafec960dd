using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// A secret setting that still reads <c>@Microsoft.KeyVault(…)</c> is a Key Vault reference App Service
/// could not resolve. Its text is not secret (anyone can read it in the template), so using it, say as
/// the key Twilio's webhook signatures are checked with, would let anyone sign: the app refuses to start.
/// So it does, outside Development, with a public local development key (<see cref="LocalWebhookKeys"/>).
/// </summary>
internal sealed class UnresolvedSecretValidator(IHostEnvironment environment) : IValidateOptions<TwilioOptions>, IValidateOptions<SendGridOptions>
{
    public const string ReferencePrefix = "@Microsoft.KeyVault(";

    public ValidateOptionsResult Validate(string? name, TwilioOptions options) =>
        Check(("Twilio:AuthToken", options.AuthToken), ("Twilio:ApiKeySecret", options.ApiKeySecret));

    public ValidateOptionsResult Validate(string? name, SendGridOptions options) =>
        Check(("SendGrid:ApiKey", options.ApiKey), ("SendGrid:InboundParseKey", options.InboundParseKey), ("SendGrid:ReplyAddressKey", options.ReplyAddressKey),
            ("SendGrid:WebhookPublicKey", options.WebhookPublicKey));

    /// <summary>Whether a secret setting's value is a Key Vault reference App Service left unresolved.</summary>
    public static bool IsUnresolved(string? value) => value?.TrimStart().StartsWith(ReferencePrefix, StringComparison.OrdinalIgnoreCase) == true;

    public static string Problem(string setting) =>
        $"{setting} is an unresolved Key Vault reference: App Service could not read the secret. Give the app's identity " +
        "'Key Vault Secrets User' on the vault and check the secret exists; the app will not use the reference's text as a secret.";

    public static string LocalKeyProblem(string setting) =>
        $"{setting} is a public local development key (from Functions/Properties/launchSettings.json): anyone could sign with it. " +
        "Set the provider's own key.";

    private ValidateOptionsResult Check(params (string Setting, string? Value)[] secrets)
    {
        var problems = secrets.Where(s => IsUnresolved(s.Value)).Select(s => Problem(s.Setting))
            .Concat(environment.IsDevelopment() ? [] : secrets.Where(s => LocalWebhookKeys.IsLocal(s.Value)).Select(s => LocalKeyProblem(s.Setting)))
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
