using FollowUp.Tests.Fixtures;
using FollowUp.ResponseWindows;

namespace FollowUp.Tests.Staff;

/// <summary>Staff answering by SMS (signed Twilio inbound webhooks), with the Development demo staff: Dana (+12125550101) and her manager Sam.</summary>
public sealed class StaffSmsCommandTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Dana = "+12125550101";
    private const string PublicBaseUrl = TwilioBackedApp.PublicBaseUrl;
    private TwilioBackedApp _host = null!;

    private FakeTwilio Twilio => _host.Twilio;

    private FollowUpApp App => _host.App;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await TwilioBackedApp.StartAsync(azurite);

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Claim_with_a_code_takes_the_inquiry()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" });

        var reply = await TextAsync(Dana, $"claim {IdGenerator.ShortCode(id)}");

        Assert.Equal($"FollowUp {IdGenerator.ShortCode(id)}: Lee Park is yours.", reply);
        Assert.Equal("dana", (await App.InquiryAsync(id))!.ClaimedBy);
    }

    [Fact]
    public async Task Bare_done_means_the_inquiry_just_reminded_about_and_logs_the_contact()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" });
        App.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T14:10:00Z"));
        await App.Get<LadderScan>().ScanOnceAsync(Ct); // texts Dana a reminder
        // The app's own timer may have taken the step at the same moment; either way the text reaches her,
        // and once its row reads "sent" the app counts it as the last text her phone got.
        await Notifications.TwilioDeliveryTests.WaitForStateAsync(App, id, FollowUp.Storage.OutboxState.Sent, MessageKinds.OwnerReminder);

        var reply = await TextAsync(Dana, "DONE left a message, calling back at 3");

        Assert.Equal($"FollowUp {IdGenerator.ShortCode(id)}: logged that you reached Lee Park.", reply);
        var inquiry = (await App.InquiryAsync(id))!;
        Assert.Null(inquiry.NextStep);
        Assert.Contains(await App.TimelineAsync(id), e => e.Type == "attempt" && e.Detail!.Contains("left a message, calling back at 3"));
    }

    [Fact]
    public async Task A_code_that_matches_nothing_is_named_back_and_nothing_changes()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" });
        App.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T14:10:00Z"));
        await App.Get<LadderScan>().ScanOnceAsync(Ct); // Dana was last texted about Lee's inquiry
        await Eventually.GetAsync(() => Task.FromResult(Twilio.Messages), m => m.Any(s => s.To == Dana), "the reminder to Dana");
        var wrong = IdGenerator.ShortCode(id) == "ZZZZ99" ? "ZZZZ98" : "ZZZZ99";

        var reply = await TextAsync(Dana, $"DONE {wrong} spoke to her");

        Assert.Equal($"FollowUp: no open inquiry has the code {wrong}. Nothing was changed.", reply);
        Assert.DoesNotContain(await App.TimelineAsync(id), e => e.Type == "attempt");
    }

    [Fact]
    public async Task A_code_that_matches_two_open_inquiries_asks_which()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" });
        // Another open inquiry whose id ends the same way (ids are random; this one is made to collide).
        var twin = "20261120090000-XY" + id[^6..];
        await App.Storage.Inquiries.AddEntityAsync(new InquiryEntity { PartitionKey = twin, Name = "Ann Bo", CreatedAt = App.Time.GetUtcNow(), RespondBy = App.Time.GetUtcNow() }, Ct);

        var reply = await TextAsync(Dana, $"claim {IdGenerator.ShortCode(id).ToLowerInvariant()}");
        var longer = await TextAsync(Dana, $"claim {id[^8..]}");

        Assert.StartsWith($"FollowUp: {IdGenerator.ShortCode(id)} matches ", reply);
        Assert.Contains($"{id[^8..]} (Lee Park)", reply);
        Assert.Contains($"{twin[^8..]} (Ann Bo)", reply);
        Assert.EndsWith("Nothing was changed; send CLAIM with the longer code.", reply);
        Assert.Equal($"FollowUp {IdGenerator.ShortCode(id)}: Lee Park is yours.", longer);
        Assert.Null((await App.InquiryAsync(twin))!.ClaimedBy);
    }

    [Fact]
    public async Task Pass_hands_the_inquiry_on()
    {
        var settings = Twilio.Settings(PublicBaseUrl);
        settings["FollowUp:Staff:1:OnDuty"] = "true"; // Sam takes turns too
        await using var app = new FollowUpApp(azurite, settings);
        Twilio.Clock = app.Time.GetUtcNow;
        var id = await app.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" }); // Dana's (first in turn)

        var reply = await TextAsync(Dana, $"PASS {IdGenerator.ShortCode(id)}", app);

        Assert.Equal($"FollowUp {IdGenerator.ShortCode(id)}: passed to Sam Ortiz.", reply);
        Assert.Equal("sam", (await app.InquiryAsync(id))!.OwnerId);
    }

    [Fact]
    public async Task Anything_else_from_a_staff_number_gets_help_and_from_others_nothing()
    {
        var staff = await TextAsync(Dana, "what?");
        var stranger = await TextAsync("+12125550199", "what?");

        Assert.Equal("FollowUp: reply CLAIM <code>, DONE <code> <note>, PASS <code>, R <code> <answer to the prospect> or CALL <code>. Without a code, the last inquiry you were texted about.", staff);
        Assert.Null(stranger);
    }

    /// <summary>Sends a signed inbound text and returns the TwiML reply's message, or null for none.</summary>
    private async Task<string?> TextAsync(string from, string body, FollowUpApp? app = null) =>
        TwilioSigning.Replies(await TwilioSigning.TextAsync(app ?? App, PublicBaseUrl, from, body)).FirstOrDefault();
}
