using FollowUp.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace FollowUp.Tests.Core;

/// <summary>The public local webhook keys sign posts to a local app only: anywhere else the app will not start with them.</summary>
[Trait("Category", "Unit")]
public sealed class LocalWebhookKeysTests
{
    [Fact]
    public void Outside_development_each_local_key_stops_the_app_naming_its_setting()
    {
        var validator = new UnresolvedSecretValidator(new HostingEnvironment { EnvironmentName = Environments.Production });

        var twilio = validator.Validate(null, new TwilioOptions { AuthToken = LocalWebhookKeys.TwilioAuthToken });
        var sendGrid = validator.Validate(null, new SendGridOptions
        {
            InboundParseKey = LocalWebhookKeys.InboundParseKey, WebhookPublicKey = LocalWebhookKeys.SendGridEventPublicKey(),
        });

        Assert.Equal([UnresolvedSecretValidator.LocalKeyProblem("Twilio:AuthToken")], twilio.Failures);
        Assert.Equal(
            [UnresolvedSecretValidator.LocalKeyProblem("SendGrid:InboundParseKey"), UnresolvedSecretValidator.LocalKeyProblem("SendGrid:WebhookPublicKey")],
            sendGrid.Failures);
    }

    [Fact]
    public void In_development_and_with_real_keys_they_are_accepted()
    {
        var development = new UnresolvedSecretValidator(new HostingEnvironment { EnvironmentName = Environments.Development });
        var production = new UnresolvedSecretValidator(new HostingEnvironment { EnvironmentName = Environments.Production });

        Assert.True(development.Validate(null, new TwilioOptions { AuthToken = LocalWebhookKeys.TwilioAuthToken }).Succeeded);
        Assert.True(production.Validate(null, new TwilioOptions { AuthToken = "0123456789abcdef0123456789abcdef" }).Succeeded);
        Assert.True(production.Validate(null, new SendGridOptions { WebhookPublicKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEother" }).Succeeded);
    }
}
