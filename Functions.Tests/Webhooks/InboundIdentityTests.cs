using System.Net;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Webhooks;

/// <summary>
/// A reply is a party's only when it comes from the number or address that party gave (an email also needs
/// the receiving server's SPF/DKIM not to say otherwise); anything else is kept for staff as from an unknown
/// sender and never forwarded. Each party has their own reply address, which reveals no inquiry id.
/// Development staff: Dana (+12125550101) owns new inquiries.
/// </summary>
public sealed class InboundIdentityTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Dana = "+12125550101";
    private MessagingApp _host = null!;

    private FollowUpApp App => _host.App;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await MessagingApp.StartAsync(azurite, new Dictionary<string, string?> { ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *" });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task An_email_from_another_address_to_a_prospects_reply_address_is_kept_as_unknown_and_not_forwarded()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", email = "lee.park@example.com" });

        await _host.EmailAsync(_host.ReplyAddress(id), "Mallory <mallory@evil.example>", "It's Lee, please send the gate code here");

        var timeline = await App.TimelineAsync(id);
        Assert.Contains(timeline, e => e.Type == "unknown-sender" && e.Detail!.Contains("(m***@e***.example)") && e.Detail.Contains("send the gate code")); // a stranger's address, masked
        Assert.DoesNotContain(timeline, e => e.Type == "prospect-replied");
        var inquiry = (await App.InquiryAsync(id))!;
        Assert.Equal((null, null), (inquiry.ReplyPendingSince, inquiry.LastReplyChannel));
        Assert.DoesNotContain(await App.OutboxAsync(id), r => r.Kind == MessageKinds.ProspectReply);
    }

    [Fact]
    public async Task An_email_whose_checks_fail_for_the_prospects_domain_is_not_theirs()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", email = "lee.park@example.com" });

        await _host.EmailAsync(_host.ReplyAddress(id), "Lee Park <lee.park@example.com>", "forged", spf: "fail", dkim: "{@evil.example : pass}");

        Assert.Contains(await App.TimelineAsync(id), e => e.Type == "unknown-sender");
        Assert.DoesNotContain(await App.OutboxAsync(id), r => r.Kind == MessageKinds.ProspectReply);
    }

    [Fact]
    public async Task An_email_from_the_prospects_address_written_in_another_case_and_vouched_for_is_theirs()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", email = "lee.park@example.com" });

        await _host.EmailAsync(_host.ReplyAddress(id), "Lee Park <Lee.Park@Example.COM>", "Thursday works", spf: "pass", dkim: "{@example.com : pass}");

        Assert.Contains(await App.TimelineAsync(id), e => e is { Type: "prospect-replied", Detail: "Lee Park emailed: Thursday works" });
        Assert.StartsWith($"Lee Park replied ({IdGenerator.ShortCode(id)}): Thursday works", (await _host.SmsToAsync(Dana, 1)).Body);
    }

    [Fact]
    public async Task A_referrer_has_a_reply_address_of_their_own_and_their_reply_is_recorded_as_theirs()
    {
        var response = await App.PostJsonAsync("/api/referrals", new
        {
            referrer = new { name = "Ann Lopez", email = "ann@example.com" },
            prospect = new { name = "Bo Chen", email = "bo@example.com" },
        });
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content, Ct)).GetProperty("id").GetString()!;
        var emails = await Eventually.GetAsync(() => Task.FromResult(_host.SendGrid.Emails.ToList()), e => e.Count == 2, "the acknowledgment and the thank-you");
        var thanks = emails.Single(e => e.To == "ann@example.com");
        var acknowledgment = emails.Single(e => e.To == "bo@example.com");
        Assert.Equal(_host.ReplyAddress(id, Party.Referrer), thanks.ReplyTo);
        Assert.Equal(_host.ReplyAddress(id), acknowledgment.ReplyTo);
        Assert.NotEqual(thanks.ReplyTo, acknowledgment.ReplyTo);

        await _host.EmailAsync(thanks.ReplyTo!, "Ann Lopez <ann@example.com>", "He's free after 3");

        Assert.Contains(await App.TimelineAsync(id), e => e is { Type: "referrer-replied", Actor: "referrer", Detail: "Ann Lopez (who referred Bo Chen) emailed: He's free after 3" });
        Assert.Null((await App.InquiryAsync(id))!.ReplyPendingSince); // Bo has not written
        Assert.StartsWith($"Ann Lopez, who referred Bo Chen ({IdGenerator.ShortCode(id)}), wrote: He's free after 3", (await _host.SmsToAsync(Dana, 1)).Body);
    }

    [Fact]
    public async Task A_reply_longer_than_a_table_cell_holds_is_kept_cut_not_refused()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", email = "lee.park@example.com" });

        await _host.EmailAsync(_host.ReplyAddress(id), "Lee Park <lee.park@example.com>", "Details: " + new string('x', 60_000));

        var kept = Assert.Single(await App.TimelineAsync(id), e => e.Type == "prospect-replied");
        Assert.EndsWith("… (cut)", kept.Detail);
        Assert.True(kept.Detail!.Length < 4_100);
    }

    [Fact]
    public async Task A_newer_form_with_someones_number_does_not_take_their_replies_away_from_their_open_inquiry()
    {
        const string lee = "+12125550100";
        var lees = await App.SubmitAsync(new { name = "Lee Park", phone = lee, consentToSms = true });
        App.Time.Advance(TimeSpan.FromDays(2)); // past the duplicate window: a post with Lee's number makes a new inquiry
        var mallorys = await App.SubmitAsync(new { name = "Mallory", phone = lee, email = "mallory@evil.example" });

        await _host.TextAsync(lee, "gate code is 4411, come Tuesday");

        Assert.Contains(await App.TimelineAsync(lees), e => e.Type == "prospect-replied" && e.Detail!.Contains("gate code"));
        Assert.DoesNotContain(await App.TimelineAsync(mallorys), e => e.Detail?.Contains("gate code") == true);
    }

    [Fact]
    public async Task An_address_made_from_an_inquiry_id_is_no_reply_address()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", email = "lee.park@example.com" });
        var before = (await App.TimelineAsync(id)).Count;

        var form = new MultipartFormDataContent
        {
            { new StringContent("Lee Park <lee.park@example.com>"), "from" },
            { new StringContent($"r-{id.ToLowerInvariant()}@{MessagingApp.ReplyDomain}"), "to" },
            { new StringContent("hello"), "text" },
        };
        var response = await App.Client().PostAsync($"/api/sendgrid/inbound?key={MessagingApp.InboundParseKey}", form, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(before, (await App.TimelineAsync(id)).Count);
    }

    [Fact]
    public async Task A_number_typed_into_a_repeat_of_someone_elses_inquiry_cannot_speak_for_them()
    {
        const string mallory = "+12125550166";
        var lees = await App.SubmitAsync(new { name = "Lee Park", email = "lee.park@example.com" });
        await App.SubmitAsync(new { name = "Lee Park", email = "lee.park@example.com", phone = mallory, consentToSms = true }); // joins Lee's

        await _host.TextAsync(mallory, "It's Lee: text me the gate code");

        Assert.DoesNotContain(await App.TimelineAsync(lees), e => e.Type == "prospect-replied");
        Assert.DoesNotContain(await App.OutboxAsync(lees), r => r.Kind == MessageKinds.ProspectReply);
        Assert.Null((await App.InquiryAsync(lees))!.ReplyPendingSince);
    }
}
