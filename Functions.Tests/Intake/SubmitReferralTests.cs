using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Intake;

public sealed class SubmitReferralTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Json_referral_acknowledges_the_prospect_and_thanks_the_referrer()
    {
        await using var app = new FollowUpApp(azurite);

        var response = await app.PostJsonAsync("/api/referrals", new
        {
            referrer = new { name = "Ann Lopez", email = "ann@example.com" },
            prospect = new { name = "Bo Chen", phone = "+1 646 555 0111", consentToSms = true, preferredChannel = "sms" },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(FollowUpApp.Start.AddHours(1), body.GetProperty("respondBy").GetDateTimeOffset());
        var sent = await app.Sent.WaitForAsync(id, count: 2);
        var ack = Assert.Single(sent, m => m.Kind == "acknowledgment");
        Assert.Equal(("sms", "+16465550111"), (ack.Channel, ack.To));
        var thanks = Assert.Single(sent, m => m.Kind == "referrer-thanks");
        Assert.Equal(("email", "ann@example.com"), (thanks.Channel, thanks.To));
        Assert.Contains("Thank you for referring Bo", thanks.Text);
        var inquiry = await app.InquiryAsync(id);
        Assert.Equal(("Ann Lopez", "ann@example.com"), (inquiry!.ReferrerName, inquiry.ReferrerEmail));
        Assert.Contains(await app.TimelineAsync(id), e => e.Type == "received" && e.Detail!.Contains("Referral received from Ann Lopez"));
    }

    [Fact]
    public async Task Plain_form_referral_redirects_and_sends_both_messages()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Intake:ThankYouUrl"] = "https://www.brightside.example/thanks" });

        var response = await app.PostFormAsync("/api/referrals", new Dictionary<string, string>
        {
            ["referrerName"] = "Ann",
            ["referrerPhone"] = "+16465550123",
            ["referrerConsentToSms"] = "on",
            ["name"] = "Bo",
            ["email"] = "bo@example.com",
        });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("https://www.brightside.example/thanks?id=", response.Headers.Location!.ToString());
        var id = FollowUpApp.QueryValue(response.Headers.Location, "id");
        var sent = await app.Sent.WaitForAsync(id, count: 2);
        Assert.Contains(sent, m => m is { Kind: "referrer-thanks", Channel: "sms", To: "+16465550123" });
        Assert.Contains(sent, m => m is { Kind: "acknowledgment", Channel: "email", To: "bo@example.com" });
    }

    [Fact]
    public async Task Referral_without_a_way_to_thank_the_referrer_gets_422()
    {
        await using var app = new FollowUpApp(azurite);

        var response = await app.PostJsonAsync("/api/referrals", new { referrer = new { name = "Ann" }, prospect = new { name = "Bo", email = "bo@example.com" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("referrer.email", out _)); // named as sent: the referrer was a nested object
    }

    [Fact]
    public async Task Errors_name_each_field_as_it_was_sent_nested_in_json_or_flat_in_a_form()
    {
        await using var app = new FollowUpApp(azurite);

        var nested = await app.PostJsonAsync("/api/referrals", new
        {
            referrer = new { name = "Ann", phone = "not a number" },
            prospect = new { name = "Bo", email = "bo@" },
        });
        var flat = await app.PostFormAsync("/api/referrals", new Dictionary<string, string>
        {
            ["referrerName"] = "Ann", ["referrerPhone"] = "not a number", ["name"] = "Bo", ["email"] = "bo@",
        });

        string[] Keys(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];
        Assert.Equal(["prospect.email", "referrer.phone"], Keys(await nested.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        Assert.Equal(["email", "referrerPhone"], Keys(await flat.Content.ReadFromJsonAsync<JsonElement>(Ct)));
    }

    [Fact]
    public async Task Referrer_who_gave_only_a_phone_without_consent_is_not_texted()
    {
        await using var app = new FollowUpApp(azurite);

        var response = await app.PostJsonAsync("/api/referrals", new { referrer = new { name = "Ann", phone = "+16465550123" }, prospect = new { name = "Bo", email = "bo@example.com" } });

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var outbox = await app.OutboxAsync(id);
        Assert.Equal("acknowledgment", Assert.Single(outbox).Kind);
        Assert.Contains(await app.TimelineAsync(id), e => e.Detail!.Contains("Referrer not thanked"));
    }
}
