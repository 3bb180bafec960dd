using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Notifications;

public sealed class ProviderSettingsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Twilio_without_credentials_fails_at_startup_naming_each_missing_setting()
    {
        var error = await StartupFailure.OfAsync(azurite, new Dictionary<string, string?> { ["Sms:Provider"] = "Twilio", ["Twilio:AccountSid"] = "AC123" });

        Assert.Contains("Sms:Provider is Twilio, so Twilio:AuthToken must be set", error.Message);
        Assert.Contains("Twilio:FromNumber or Twilio:MessagingServiceSid", error.Message);
        Assert.Contains("FollowUp:PublicBaseUrl", error.Message);
        Assert.DoesNotContain("Twilio:AccountSid", error.Message);
    }

    [Fact]
    public async Task SendGrid_without_credentials_fails_at_startup_naming_each_missing_setting()
    {
        var error = await StartupFailure.OfAsync(azurite, new Dictionary<string, string?> { ["Email:Provider"] = "SendGrid" });

        Assert.Contains("SendGrid:ApiKey", error.Message);
        Assert.Contains("SendGrid:FromEmail", error.Message);
        Assert.Contains("FollowUp:Business:PostalAddress", error.Message);
    }

    [Fact]
    public async Task An_inbound_parse_key_shorter_than_24_characters_fails_at_startup()
    {
        var error = await StartupFailure.OfAsync(azurite, new Dictionary<string, string?>
        {
            ["SendGrid:InboundDomain"] = "reply.brightside.example",
            ["SendGrid:InboundParseKey"] = "abc",
        });

        Assert.Contains("SendGrid:InboundParseKey must be a random secret of at least 24 characters", error.Message);
        Assert.DoesNotContain("abc", error.Message.Replace("characters", ""));
    }

    [Fact]
    public async Task Unknown_provider_name_fails_at_startup()
    {
        var error = await StartupFailure.OfAsync(azurite, new Dictionary<string, string?> { ["Sms:Provider"] = "Carrier pigeon" });

        Assert.Contains("Sms:Provider must be Local or Twilio", error.Message);
    }

    [Fact]
    public async Task A_provider_timeout_that_could_outlive_the_sending_lease_fails_at_startup()
    {
        var error = await StartupFailure.OfAsync(azurite, new Dictionary<string, string?> { ["FollowUp:Delivery:ProviderTimeout"] = "00:01:00" });

        Assert.Contains("FollowUp:Delivery:ProviderTimeout 00:01:00 is too long: it must be at most 00:00:20", error.Message);
    }

    [Fact]
    public async Task A_secret_still_reading_as_a_key_vault_reference_fails_at_startup_even_with_the_local_sink()
    {
        var error = await StartupFailure.OfAsync(azurite, new Dictionary<string, string?>
        {
            ["Twilio:AuthToken"] = "@Microsoft.KeyVault(VaultName=kv-fu;SecretName=twilio-auth-token)",
            ["SendGrid:ApiKey"] = "@Microsoft.KeyVault(VaultName=kv-fu;SecretName=sendgrid-api-key)",
            ["FollowUp:Staff:0:ApiKey"] = "@Microsoft.KeyVault(VaultName=kv-fu;SecretName=staff-api-key-dana)",
        });

        Assert.Contains("Twilio:AuthToken is an unresolved Key Vault reference", error.Message);
        Assert.Contains("SendGrid:ApiKey is an unresolved Key Vault reference", error.Message);
        Assert.Contains("FollowUp:Staff:0:ApiKey is an unresolved Key Vault reference", error.Message);
    }
}
