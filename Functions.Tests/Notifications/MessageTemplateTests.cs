using FollowUp.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace FollowUp.Tests.Notifications;

public sealed class MessageTemplateTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Configured_template_text_is_what_the_prospect_receives()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:Templates:AcknowledgmentEmailSubject"] = "Got it, {FirstName}",
            ["FollowUp:Templates:AcknowledgmentEmailBody"] = "{Business} will call {Name} by {RespondBy}.",
        });

        var id = await app.SubmitAsync(new { name = "Dana Smith", email = "dana@example.com" }, "/api/inquiries");

        var sent = Assert.Single(await app.Sent.WaitForAsync(id));
        Assert.Equal(("Got it, Dana", "Bright Side Plumbing will call Dana Smith by 9:15 AM today."), (sent.Subject, sent.Text));
    }

    [Fact]
    public async Task Unknown_placeholder_fails_startup_naming_the_setting_and_what_it_may_use()
    {
        var error = await StartupFailure.OfAsync(azurite, new Dictionary<string, string?> { ["FollowUp:Templates:ReferrerThanksSms"] = "Thanks {ReferrerFirstName}, call {Phone}." });

        Assert.Contains("FollowUp:Templates:ReferrerThanksSms uses {Phone}", error.Message);
        Assert.Contains("{ProspectFirstName}", error.Message);
    }

    [Fact]
    public async Task Sms_template_longer_than_two_segments_is_reported_with_a_warning_at_startup()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:Templates:AcknowledgmentSms"] = "Hi {FirstName} 😊 " + new string('x', 150),
        });
        app.Client();

        // The report is written once the app has started, beside its first requests.
        var records = await Eventually.GetAsync(
            () => Task.FromResult(app.Logs.GetSnapshot()), logs => logs.Count(r => r.Category == typeof(SmsTemplateReport).FullName) >= MessageTemplates.All(app.Get<MessageTemplates>().Current).Count(t => t.Sms), "the SMS template report");

        Assert.Contains(records, r => r.Level == LogLevel.Warning && r.Message.Contains("FollowUp:Templates:AcknowledgmentSms takes 3 SMS segments (UCS-2)"));
        Assert.Contains(records, r => r.Level == LogLevel.Information && r.Message.Contains("FollowUp:Templates:ReferrerThanksSms takes 2 SMS segment(s) (GSM-7)"));
    }
}
