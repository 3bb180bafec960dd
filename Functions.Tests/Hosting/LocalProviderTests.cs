using FollowUp.Hosting.Local;
using FollowUp.Tests.Fixtures;
using Microsoft.Extensions.Configuration;

namespace FollowUp.Tests.Hosting;

/// <summary>
/// <c>dotnet run --project Functions -- twilio …</c> / <c>sendgrid …</c> against the app started with its
/// launch profile's settings: each post is signed as the provider signs it, so the app takes it.
/// </summary>
public sealed class LocalProviderTests(AzuriteFixture azurite)
{
    private const string Dana = "+12125550101";
    private const string Lee = "+12125550100";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_staff_command_a_delivery_status_an_email_reply_and_a_bounce_each_reach_the_app_signed()
    {
        var settings = LaunchProfile.Settings("Functions");
        await using var app = new FollowUpApp(azurite, settings);
        var texted = await app.SubmitAsync(new { name = "Lee Park", phone = Lee, consentToSms = true });
        var emailed = await app.SubmitAsync(new { name = "Kim Lo", email = "kim@example.com" });
        var textAck = (await app.Sent.WaitForAsync(texted)).Single();
        var emailAck = (await app.Sent.WaitForAsync(emailed)).Single();
        var code = IdGenerator.ShortCode(texted);

        var (claimed, claimSaid) = await RunAsync(app, settings, "twilio", "sms", Dana, "CLAIM", code);
        var (status, _) = await RunAsync(app, settings, "twilio", "status", textAck.MessageId, "delivered");
        var (replied, _) = await RunAsync(app, settings, "sendgrid", "email", "Kim@Example.com", "Thursday", "after", "3", "works");
        var (bounced, _) = await RunAsync(app, settings, "sendgrid", "event", emailAck.MessageId, "bounce", "550 5.1.1 no such user");

        Assert.Equal((0, 0, 0, 0), (claimed, status, replied, bounced));
        Assert.Contains($"reply by text: FollowUp {code}: Lee Park is yours.", claimSaid);
        Assert.Equal("dana", (await app.InquiryAsync(texted))!.ClaimedBy);
        Assert.Contains("acknowledgment-delivered", (await app.TimelineAsync(texted)).Select(e => e.Type));
        var forwarded = await Eventually.GetAsync(
            () => Task.FromResult(app.Sent.For(emailed).Where(m => m.Kind == MessageKinds.ProspectReply).ToList()), sent => sent.Count > 0, "the reply forwarded to the owner");
        Assert.Contains("Thursday after 3 works", forwarded[0].Text);
        Assert.Contains("email-bounce", (await app.TimelineAsync(emailed)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_command_it_cannot_make_says_why_and_changes_nothing()
    {
        var settings = LaunchProfile.Settings("Functions");
        await using var app = new FollowUpApp(azurite, settings);
        var port = ClosedPort.Next();

        var (unknown, usage) = await RunAsync(app, settings, "twilio", "fax", Dana);
        var (noSuchMessage, noMessage) = await RunAsync(app, settings, "twilio", "status", "m-nothing", "delivered");
        var (noEmail, nothingSent) = await RunAsync(app, settings, "sendgrid", "email", "stranger@example.com", "hello");
        var (unsigned, withoutKeys) = await RunAsync(app, new Dictionary<string, string?> { ["FollowUp:PublicBaseUrl"] = "http://localhost:7071" }, "twilio", "sms", Dana, "HELP");
        var (down, nobody) = await RunAsync(app, settings, "twilio", "sms", Dana, "HELP", "--url", $"http://127.0.0.1:{port}");

        Assert.Equal((2, 2, 2, 2, 1), (unknown, noSuchMessage, noEmail, unsigned, down));
        Assert.Contains("twilio sms FROM TEXT", usage);
        Assert.Contains("has no text with the message id m-nothing", noMessage);
        Assert.Contains("has sent no email to stranger@example.com", nothingSent);
        Assert.Contains("Twilio:AuthToken or FollowUp:PublicBaseUrl is not set", withoutKeys);
        Assert.Contains($"Nothing answers at http://127.0.0.1:{port}/", nobody);
        Assert.Empty(app.Sent.All());
    }

    [Fact]
    public async Task The_demo_profile_walks_the_whole_ladder_in_four_minutes_at_any_hour()
    {
        await using var app = new FollowUpApp(azurite, LaunchProfile.Settings("demo"));
        var submitted = DateTimeOffset.Parse("2026-11-29T04:30:00Z"); // Saturday 23:30 in New York, a holiday-free weekend night
        app.Time.SetUtcNow(submitted);
        var id = await app.SubmitAsync(new { name = "Lee Park", phone = Lee, consentToSms = true });

        Assert.Equal(submitted.AddMinutes(2), (await app.InquiryAsync(id))!.RespondBy);
        var steps = new List<(int Minute, string Kind)>();
        foreach (var (minute, kind) in new[] { (1, MessageKinds.OwnerReminder), (2, MessageKinds.OwnerLapsed), (3, MessageKinds.Escalation), (4, MessageKinds.NoNews) })
        {
            app.Time.SetUtcNow(submitted.AddMinutes(minute));
            await app.Get<FollowUp.ResponseWindows.LadderScan>().ScanOnceAsync(Ct);
            var sent = await Eventually.GetAsync(() => Task.FromResult(app.Sent.For(id).Where(m => m.Kind == kind).ToList()), s => s.Count > 0, $"the {kind} at +{minute} min");
            steps.Add((minute, sent[0].Kind));
        }

        Assert.Equal([(1, MessageKinds.OwnerReminder), (2, MessageKinds.OwnerLapsed), (3, MessageKinds.Escalation), (4, MessageKinds.NoNews)], steps);
    }

    private static async Task<(int ExitCode, string Said)> RunAsync(FollowUpApp app, Dictionary<string, string?> settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FollowUp:LocalSink:Path"] = app.SinkPath,
        }).Build();
        var arguments = args.Contains("--url") ? args : [.. args, "--url", app.BaseAddress.ToString()];
        using var client = new HttpClient();
        using var output = new StringWriter();
        var exitCode = await ProviderCommand.RunAsync(arguments, configuration, Published.RepoRoot, client, app.Time, output, Ct);
        return (exitCode, output.ToString());
    }
}
