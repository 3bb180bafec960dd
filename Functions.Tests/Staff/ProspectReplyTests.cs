using System.Net.Http.Json;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Notifications;
using FollowUp.ResponseWindows;

namespace FollowUp.Tests.Staff;

/// <summary>
/// A prospect's text reaches their owner with the inquiry's code, and the owner's <c>R CODE …</c> reaches the
/// prospect from the business number, logged as an attempt; STOP, quiet hours and the attempt cap hold.
/// Development staff: Dana (+12125550101) owns new inquiries.
/// </summary>
public sealed class ProspectReplyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PublicBaseUrl = TwilioBackedApp.PublicBaseUrl;
    private const string Lee = "+12125550100";
    private const string Dana = "+12125550101";
    private TwilioBackedApp _host = null!;

    private FakeTwilio Twilio => _host.Twilio;

    private FollowUpApp App => _host.App;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await TwilioBackedApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *", // the ladder is driven by hand below
        });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_prospects_text_reaches_the_owner_and_the_owners_answer_reaches_the_prospect_logged_as_an_attempt()
    {
        var id = await SubmitAsync();
        var code = IdGenerator.ShortCode(id);

        var reply = await TextAsync(Lee, "yes, after 5 pm please");

        Assert.DoesNotContain("<Message>", reply); // no automatic answer: a person answers
        var forwarded = await SmsToAsync(Dana, 1);
        Assert.Equal($"Lee Park replied ({code}): yes, after 5 pm please To answer from the business number, text R {code} and your answer.", forwarded.Body);
        Assert.Contains(await App.TimelineAsync(id), e => e is { Type: "prospect-replied", Actor: "prospect", Detail: "Lee Park texted: yes, after 5 pm please" });
        Assert.NotNull((await App.InquiryAsync(id))!.ReplyPendingSince);
        var staffView = new HttpRequestMessage(HttpMethod.Get, $"/api/staff/inquiries/{id}");
        staffView.Headers.Authorization = new("Bearer", Leads.LeadImportTests.DanaKey);
        var detail = await (await App.Client().SendAsync(staffView, Ct)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        Assert.Equal("yes, after 5 pm please", detail.GetProperty("inquiry").GetProperty("lastReply").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, detail.GetProperty("inquiry").GetProperty("replyPendingSince").ValueKind);

        var answer = await TextAsync(Dana, $"R {code} Great, I will call you at 5:15");

        Assert.Contains($"FollowUp: sent to Lee ({code}) by text from the business.", answer);
        var relayed = await SmsToAsync(Lee, 2); // the acknowledgment, then the answer
        Assert.Equal(("Great, I will call you at 5:15 - Dana, Bright Side Plumbing", FakeTwilio.FromNumber), (relayed.Body, relayed.From));
        var inquiry = (await App.InquiryAsync(id))!;
        Assert.Null(inquiry.ReplyPendingSince);
        Assert.NotNull(inquiry.KeptAt);
        Assert.Null(inquiry.ReachedAt); // a text is not contact made
        Assert.Contains(await App.TimelineAsync(id), e => e.Type == "answer-relayed" && e.Detail == "Dana Reyes answered by text: Great, I will call you at 5:15");
        var attempt = Assert.Single(App.Storage.Inquiries.Query<AttemptEntity>(a => a.PartitionKey == id && a.RowKey.CompareTo(AttemptEntity.Prefix) >= 0 && a.RowKey.CompareTo("attempt}") < 0, cancellationToken: Ct));
        Assert.Equal(("sms", "texted", "dana"), (attempt.Channel, attempt.Outcome, attempt.StaffId));
    }

    [Fact]
    public async Task A_text_goes_to_the_persons_open_inquiry_when_their_latest_one_is_closed()
    {
        var open = await SubmitAsync();
        App.Time.Advance(TimeSpan.FromDays(2)); // past the duplicate window: a second inquiry of their own
        var latest = await App.SubmitAsync(new { name = "Lee Park", phone = Lee, consentToSms = true, preferredChannel = "sms" });
        var close = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/inquiries/{latest}/close") { Content = JsonContent.Create(new { outcome = "duplicate" }) };
        close.Headers.Authorization = new("Bearer", Leads.LeadImportTests.SamKey);
        Assert.True((await App.Client().SendAsync(close, Ct)).IsSuccessStatusCode);

        await TextAsync(Lee, "still need the boiler looked at");

        Assert.Contains(await App.TimelineAsync(open), e => e.Type == "prospect-replied");
        Assert.DoesNotContain(await App.TimelineAsync(latest), e => e.Type == "prospect-replied");
    }

    [Fact]
    public async Task After_STOP_an_answer_is_refused_and_nothing_is_sent()
    {
        var id = await SubmitAsync();
        await TextAsync(Lee, "who is this?");
        await SmsToAsync(Dana, 1);
        await TextAsync(Lee, "STOP");

        var answer = await TextAsync(Dana, $"R {IdGenerator.ShortCode(id)} Bright Side Plumbing, about your boiler");

        Assert.Contains("Lee Park texted STOP, so no text can go to them; call or email instead.", answer);
        Assert.Single(Twilio.Messages, m => m.To == Lee); // the acknowledgment only
        Assert.DoesNotContain(await App.OutboxAsync(id), r => r.Kind == MessageKinds.RelayedAnswer);
    }

    [Fact]
    public async Task An_answer_at_night_waits_for_the_prospects_morning()
    {
        var id = await SubmitAsync();
        await TextAsync(Lee, "call me tomorrow");
        await SmsToAsync(Dana, 1);
        App.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-24T03:30:00Z")); // 22:30 in New York

        await TextAsync(Dana, $"R {IdGenerator.ShortCode(id)} Will do, first thing");

        var held = await TwilioDeliveryTests.WaitForStateAsync(App, id, OutboxState.Deferred, kind: MessageKinds.RelayedAnswer);
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T13:00:00Z"), held.NotBefore);
        Assert.Single(Twilio.Messages, m => m.To == Lee);
    }

    [Fact]
    public async Task Answers_past_the_attempt_cap_are_refused()
    {
        var id = await SubmitAsync();
        var code = IdGenerator.ShortCode(id);
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains($"sent to Lee ({code})", await TextAsync(Dana, $"R {code} message {i}"));
        }

        var fourth = await TextAsync(Dana, $"R {code} one more");

        Assert.Contains("Lee Park has been contacted 3 times in the last", fourth);
        Assert.Equal(3, (await App.OutboxAsync(id)).Count(r => r.Kind == MessageKinds.RelayedAnswer));
    }

    [Fact]
    public async Task While_a_reply_waits_no_news_updates_pause_and_the_owners_reminders_say_so()
    {
        var id = await SubmitAsync();
        await TextAsync(Lee, "yes please call");
        await SmsToAsync(Dana, 1);

        var scan = App.Get<LadderScan>();
        foreach (var at in new[] { "2026-11-23T14:10:00Z", "2026-11-23T14:15:00Z", "2026-11-23T14:30:00Z", "2026-11-23T14:45:00Z" })
        {
            App.Time.SetUtcNow(DateTimeOffset.Parse(at));
            await scan.ScanOnceAsync(Ct);
        }

        var reminder = await SmsToAsync(Dana, 2);
        Assert.EndsWith($"Lee Park replied and waits for your answer: text R {IdGenerator.ShortCode(id)} and your answer.", reminder.Body);
        Assert.DoesNotContain(await App.OutboxAsync(id), r => r.Kind == MessageKinds.NoNews);
        Assert.Contains(await App.TimelineAsync(id), e => e.Type == "ladder-no-news" && e.Detail!.Contains("waits for an answer"));
    }

    private async Task<string> SubmitAsync()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", phone = Lee, consentToSms = true, preferredChannel = "sms" });
        await SmsToAsync(Lee, 1);
        return id;
    }

    /// <summary>The <paramref name="nth"/> text to <paramref name="to"/>, once it has been sent.</summary>
    private async Task<FakeSms> SmsToAsync(string to, int nth) =>
        (await Eventually.GetAsync(
            () => Task.FromResult(Twilio.Messages.Where(m => m.To == to).ToList()), sent => sent.Count >= nth, $"text {nth} to {to}"))[nth - 1];

    private Task<string> TextAsync(string from, string body) => TwilioSigning.TextAsync(App, PublicBaseUrl, from, body);
}
