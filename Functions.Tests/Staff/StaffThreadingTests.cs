using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Notifications;

namespace FollowUp.Tests.Staff;

/// <summary>
/// A staff command without a code means the inquiry of the last text the provider actually took for that
/// phone, never the last one queued: if that text is old, or a forward about someone else is still on its way,
/// the app asks which code and sends nothing. Development staff: Dana (+12125550101) owns new inquiries and
/// works the business's hours (Mon-Fri 08:00-18:00, New York).
/// </summary>
public sealed class StaffThreadingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Lee = "+12125550100";
    private const string Mallory = "+12125550166";
    private const string Dana = "+12125550101";
    private TwilioBackedApp _host = null!;

    private FollowUpApp App => _host.App;

    private FakeTwilio Twilio => _host.Twilio;

    public async ValueTask InitializeAsync() =>
        _host = await TwilioBackedApp.StartAsync(azurite, new Dictionary<string, string?> { ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *" });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_bare_answer_never_goes_to_a_forward_still_on_its_way_and_the_app_asks_which_code()
    {
        App.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T22:55:00Z")); // 17:55 in New York: Dana is at work
        var lees = await SubmitAndReplyAsync("Lee Park", Lee, "is Thursday ok?");
        await ForwardSentAsync(lees);

        App.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T23:01:00Z")); // 18:01: Dana's day is over, forwards wait for her morning
        var mallorys = await SubmitAndReplyAsync("Mallory", Mallory, "what is the gate code?");
        await TwilioDeliveryTests.WaitForStateAsync(App, mallorys, OutboxState.Deferred, kind: MessageKinds.ProspectReply);

        var bare = await TextAsync(Dana, "R Thursday at 9 works, the gate code is 4411");

        Assert.Equal("FollowUp: which inquiry? Add its code, e.g. R 7K2QXM.", Assert.Single(bare));
        Assert.DoesNotContain(await App.OutboxAsync(mallorys), r => r.Kind == MessageKinds.RelayedAnswer);
        Assert.DoesNotContain(await App.OutboxAsync(lees), r => r.Kind == MessageKinds.RelayedAnswer);

        var coded = await TextAsync(Dana, $"R {IdGenerator.ShortCode(lees)} Thursday at 9 works");

        Assert.Equal($"FollowUp: sent to Lee ({IdGenerator.ShortCode(lees)}) by text from the business.", Assert.Single(coded));
        Assert.Single(await App.OutboxAsync(lees), r => r.Kind == MessageKinds.RelayedAnswer && r.Recipient == Lee);
        Assert.DoesNotContain(await App.OutboxAsync(mallorys), r => r.Kind == MessageKinds.RelayedAnswer);
    }

    [Fact]
    public async Task A_bare_answer_goes_to_the_last_text_delivered_and_names_who_it_went_to()
    {
        var lees = await SubmitAndReplyAsync("Lee Park", Lee, "is Thursday ok?");
        await ForwardSentAsync(lees);

        var answer = await TextAsync(Dana, "R Thursday at 9 works");

        Assert.Equal($"FollowUp: sent to Lee ({IdGenerator.ShortCode(lees)}) by text from the business.", Assert.Single(answer));
        Assert.Equal("Thursday at 9 works - Dana, Bright Side Plumbing", (await TwilioDeliveryTests.WaitForStateAsync(App, lees, OutboxState.Sent, MessageKinds.RelayedAnswer)).Body);
    }

    [Fact]
    public async Task A_bare_command_long_after_the_last_text_asks_which_code_and_changes_nothing()
    {
        var lees = await SubmitAndReplyAsync("Lee Park", Lee, "is Thursday ok?");
        await ForwardSentAsync(lees);
        App.Time.Advance(TimeSpan.FromMinutes(31)); // FollowUp:Sms:BareCommandFor is 30 minutes

        var bare = await TextAsync(Dana, "DONE spoke to her");

        Assert.Equal("FollowUp: which inquiry? Add its code, e.g. DONE 7K2QXM.", Assert.Single(bare));
        Assert.Null((await App.InquiryAsync(lees))!.ReachedAt);
    }

    [Fact]
    public async Task A_bare_answer_after_a_reminder_about_someone_else_asks_which_code()
    {
        var lees = await SubmitAndReplyAsync("Lee Park", Lee, "is Thursday ok?");
        await ForwardSentAsync(lees);
        var mos = await App.SubmitAsync(new { name = "Mo Diaz", email = "mo@example.com" }); // never wrote
        App.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T14:10:00Z"));
        await App.Get<FollowUp.ResponseWindows.LadderScan>().ScanOnceAsync(TestContext.Current.CancellationToken); // reminders about both
        await TwilioDeliveryTests.WaitForStateAsync(App, mos, OutboxState.Sent, MessageKinds.OwnerReminder);
        await TwilioDeliveryTests.WaitForStateAsync(App, lees, OutboxState.Sent, MessageKinds.OwnerReminder);

        var bare = await TextAsync(Dana, "R yes, 5 pm works");

        Assert.Equal("FollowUp: which inquiry? Add its code, e.g. R 7K2QXM.", Assert.Single(bare));
        Assert.DoesNotContain(await App.OutboxAsync(mos), r => r.Kind == MessageKinds.RelayedAnswer);
        Assert.DoesNotContain(await App.OutboxAsync(lees), r => r.Kind == MessageKinds.RelayedAnswer);
    }

    private async Task<string> SubmitAndReplyAsync(string name, string phone, string reply)
    {
        var id = await App.SubmitAsync(new { name, phone, consentToSms = true, preferredChannel = "sms" });
        await TwilioDeliveryTests.WaitForStateAsync(App, id, OutboxState.Sent, MessageKinds.Acknowledgment);
        await TextAsync(phone, reply);
        return id;
    }

    /// <summary>Waits until the forward of the prospect's reply is sent: once its row says so, the app has recorded it as Dana's latest text.</summary>
    private async Task ForwardSentAsync(string id)
    {
        await TwilioDeliveryTests.WaitForStateAsync(App, id, OutboxState.Sent, MessageKinds.ProspectReply);
        Assert.Contains(Twilio.Messages, m => m.To == Dana);
    }

    private async Task<IReadOnlyList<string>> TextAsync(string from, string body) =>
        TwilioSigning.Replies(await TwilioSigning.TextAsync(App, TwilioBackedApp.PublicBaseUrl, from, body));
}
