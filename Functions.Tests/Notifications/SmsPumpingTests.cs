using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Notifications;
using FollowUp.Tests.Fixtures;
using PhoneNumbers;

namespace FollowUp.Tests.Notifications;

/// <summary>
/// The forms cannot be used to make the business text whoever, wherever, as often as someone likes:
/// premium and shared-cost numbers are refused, texts go only to the allowed countries, a referrer is
/// thanked once per window, names cannot carry links, and texts to never-texted numbers are capped per day.
/// </summary>
public sealed class SmsPumpingTests(AzuriteFixture azurite)
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("+19002345678", PhoneNumberType.PREMIUM_RATE, "premium-rate")] // a US 900 number
    [InlineData("+33884012345", PhoneNumberType.SHARED_COST, "shared-cost")] // a French 0884 number
    [InlineData("+447012345678", PhoneNumberType.PERSONAL_NUMBER, "personal forwarding")] // a UK 070 number
    public async Task Premium_and_shared_cost_numbers_are_refused_naming_the_field(string number, PhoneNumberType type, string said)
    {
        Assert.Equal(type, Phones.GetNumberType(Phones.Parse(number, null)));
        await using var app = new FollowUpApp(azurite);

        var response = await app.PostJsonAsync("/api/inquiries", new { name = "Lee Park", phone = number, consentToSms = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains(said, errors.GetProperty("phone")[0].GetString());
        Assert.Empty(await app.InquiryIdsAsync());
    }

    [Fact]
    public async Task A_number_outside_the_allowed_countries_is_kept_for_calling_but_never_texted()
    {
        await using var app = new FollowUpApp(azurite);
        var london = "+447400123456"; // a UK mobile; the business is in the US

        var response = await app.PostJsonAsync("/api/inquiries", new { name = "Lee Park", phone = london, email = "lee@example.com", consentToSms = true, preferredChannel = "sms" });

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("email", answer.GetProperty("acknowledgment").GetString());
        var id = answer.GetProperty("id").GetString()!;
        Assert.Equal(london, (await app.InquiryAsync(id))!.Phone);
        Assert.Contains(await app.TimelineAsync(id), e => e.Detail == "Not texted: it is outside the countries texts go to (US).");
        Assert.Equal(Channels.Email, Assert.Single(await app.Sent.WaitForAsync(id)).Channel);
    }

    [Fact]
    public async Task Allowed_countries_are_a_setting()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:Sms:AllowedCountries:0"] = "US",
            ["FollowUp:Sms:AllowedCountries:1"] = "GB",
        });

        var id = await app.SubmitAsync(new { name = "Lee Park", phone = "+447400123456", consentToSms = true });

        Assert.Equal(("sms", "+447400123456"), (await app.Sent.WaitForAsync(id)).Select(m => (m.Channel, m.To)).Single());
    }

    [Fact]
    public async Task A_text_to_a_number_that_may_not_be_texted_is_stopped_at_sending_whatever_created_it()
    {
        await using var app = new FollowUpApp(azurite);
        var response = await app.PostJsonAsync("/api/referrals", new
        {
            referrer = new { name = "Ann", phone = "+33612345678", consentToSms = true }, // a French mobile
            prospect = new { name = "Bo", email = "bo@example.com" },
        });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        var thanks = await TwilioDeliveryTests.WaitForStateAsync(app, id, OutboxState.Suppressed, kind: MessageKinds.ReferrerThanks);

        Assert.Contains(await app.TimelineAsync(id), e => e.Type == "referrer-thanks-suppressed"
            && e.Detail == "Referrer thank-you by sms not sent: the number may not be texted: it is outside the countries texts go to (US).");
        Assert.DoesNotContain(app.Sent.For(id), m => m.To == "+33612345678");
        Assert.Equal(0, thanks.Attempts); // never claimed for sending
    }

    [Fact]
    public async Task A_referrer_is_thanked_once_per_duplicate_window()
    {
        await using var app = new FollowUpApp(azurite);

        var first = await ReferAsync(app, "bo@example.com");
        app.Time.Advance(TimeSpan.FromHours(2));
        var second = await ReferAsync(app, "cy@example.com");
        app.Time.Advance(TimeSpan.FromHours(23)); // the 24-hour window from the first thank-you has passed
        var third = await ReferAsync(app, "di@example.com");

        await TwilioDeliveryTests.WaitForStateAsync(app, first, OutboxState.Sent, kind: MessageKinds.ReferrerThanks);
        await TwilioDeliveryTests.WaitForStateAsync(app, second, OutboxState.Suppressed, kind: MessageKinds.ReferrerThanks);
        await TwilioDeliveryTests.WaitForStateAsync(app, third, OutboxState.Sent, kind: MessageKinds.ReferrerThanks);
        Assert.Contains(await app.TimelineAsync(second), e => e.Type == "referrer-thanks-suppressed" && e.Detail!.Contains("already thanked at 2026-11-23 14:00:00Z"));
        Assert.Equal(2, app.Sent.All().Count(m => m.Kind == MessageKinds.ReferrerThanks));
    }

    [Fact]
    public async Task Two_referrals_from_one_referrer_at_once_thank_them_once()
    {
        await using var app = new FollowUpApp(azurite);

        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => ReferAsync(app, $"prospect{i}@example.com")));

        foreach (var id in ids)
        {
            await Eventually.GetAsync(
                async () => (await app.OutboxAsync(id)).Single(r => r.Kind == MessageKinds.ReferrerThanks),
                r => OutboxState.IsFinal(r.State), "the thank-you to be sent or stopped", TimeSpan.FromSeconds(20));
        }

        Assert.Single(app.Sent.All(), m => m.Kind == MessageKinds.ReferrerThanks);
    }

    [Theory]
    [InlineData("name", "Win cash bit.ly/abc")]
    [InlineData("name", "www.example.com")]
    [InlineData("name", "https://win.example")]
    [InlineData("name", "Lee Park win-cash . xyz")]
    [InlineData("referrer.name", "free-prize.top")]
    public async Task Names_that_look_like_links_are_refused(string field, string name)
    {
        await using var app = new FollowUpApp(azurite);
        var body = field == "name"
            ? (object)new { name, email = "lee@example.com" }
            : new { referrer = new { name, email = "ann@example.com" }, prospect = new { name = "Bo", email = "bo@example.com" } };

        var response = await app.PostJsonAsync(field == "name" ? "/api/inquiries" : "/api/referrals", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal("Must be a name, not a web or email address.", errors.GetProperty(field)[0].GetString());
    }

    [Theory]
    [InlineData("Dr. Anne O'Neil")]
    [InlineData("J.R. Smith")]
    [InlineData("Mary-Kate St.John")]
    [InlineData("Zoë Ng")]
    public async Task Ordinary_names_with_dots_are_accepted(string name)
    {
        await using var app = new FollowUpApp(azurite);

        var response = await app.PostJsonAsync("/api/inquiries", new { name, email = "lee@example.com" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Texts_to_new_numbers_past_the_daily_cap_wait_for_tomorrow_and_the_managers_are_told_once()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:Sms:NewNumbersPerDay"] = "2",
            ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *", // no ladder steps here: only the held texts go tomorrow
        });
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await app.SubmitAsync(new { name = $"Prospect {i}", phone = $"+1212555{i + 300:0000}", consentToSms = true }));
        }

        // Monday 09:00 in New York: the first two go; the others wait for midnight, when the next day's cap starts.
        var states = new List<OutboxEntity>();
        foreach (var id in ids)
        {
            states.Add(await Eventually.GetAsync(
                async () => (await app.OutboxAsync(id)).Single(r => r.Kind == MessageKinds.Acknowledgment),
                r => r.State is OutboxState.Sent or OutboxState.Deferred, "the acknowledgment to be sent or held", TimeSpan.FromSeconds(20)));
        }

        Assert.Equal([OutboxState.Sent, OutboxState.Sent, OutboxState.Deferred, OutboxState.Deferred], states.Select(s => s.State));
        Assert.All(states.Skip(2), s => Assert.Equal(DateTimeOffset.Parse("2026-11-24T05:00:00Z"), s.NotBefore));
        Assert.Contains(await app.TimelineAsync(ids[3]), e => e.Type == "acknowledgment-deferred" && e.Detail!.Contains("today's texts to new numbers are used up"));

        // Sam manages Dana: told once, from the first inquiry held.
        var notice = await Eventually.GetAsync(
            () => Task.FromResult(app.Sent.All().Where(m => m.Kind == MessageKinds.SmsCapReached).ToList()),
            sent => sent.Count == 1, "the managers to be told", TimeSpan.FromSeconds(20));
        Assert.Equal("+12125550102", notice[0].To);
        Assert.Equal(ids[2], notice[0].InquiryId);
        Assert.StartsWith("FollowUp: 2 texts went to new numbers today, the daily cap. The rest wait until 12:00 AM tomorrow.", notice[0].Text);
        Assert.Contains(await app.TimelineAsync(ids[2]), e => e.Type == MessageKinds.SmsCapReached && e.Detail!.Contains("Told Sam Ortiz."));

        // A number texted before is not new: a thank-you to the first prospect, referring someone, is not held.
        var referral = await app.PostJsonAsync("/api/referrals", new
        {
            referrer = new { name = "Prospect 0", phone = "+12125550300", consentToSms = true },
            prospect = new { name = "Eve", email = "eve@example.com" },
        });
        var referralId = (await referral.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await TwilioDeliveryTests.WaitForStateAsync(app, referralId, OutboxState.Sent, kind: MessageKinds.ReferrerThanks);
        Assert.Equal(2, app.Sent.All().Count(m => m is { Kind: MessageKinds.Acknowledgment, Channel: Channels.Sms }));

        // Next day: the held texts go, counted against the new day's cap.
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-24T14:00:00Z"));
        var function = app.Get<OutboxDelivery>();
        foreach (var held in states.Skip(2))
        {
            await function.HandleAsync(new QueueInvocation(new NotificationRef(held.PartitionKey, held.MessageId).ToBinaryData().ToString(), 1, "delayed"), Ct);
        }

        // (The app's own repair pass may pick them up too; each is still sent once.)
        await Eventually.GetAsync(
            () => Task.FromResult(app.Sent.All().Count(m => m is { Kind: MessageKinds.Acknowledgment, Channel: Channels.Sms })),
            count => count == 4, "the held texts to be sent", TimeSpan.FromSeconds(20));
        Assert.Equal(4, app.Sent.All().Where(m => m is { Kind: MessageKinds.Acknowledgment, Channel: Channels.Sms }).Select(m => m.To).Distinct().Count());
        Assert.Single(app.Sent.All(), m => m.Kind == MessageKinds.SmsCapReached);
    }

    private static async Task<string> ReferAsync(FollowUpApp app, string prospectEmail)
    {
        var response = await app.PostJsonAsync("/api/referrals", new
        {
            referrer = new { name = "Ann Lopez", phone = "+12125550123", consentToSms = true },
            prospect = new { name = "Bo", email = prospectEmail },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }
}
