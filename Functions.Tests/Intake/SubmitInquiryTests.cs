using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Intake;

public sealed class SubmitInquiryTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Form_post_without_javascript_redirects_to_thank_you_and_is_acknowledged_within_two_seconds()
    {
        await using var app = new FollowUpApp(azurite);

        var response = await app.PostFormAsync("/api/inquiries", new Dictionary<string, string>
        {
            ["name"] = "Dana Smith",
            ["email"] = "dana@example.com",
            ["message"] = "Leaking water heater",
            ["website"] = "",
        });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/api/thanks?id=", response.Headers.Location!.ToString());
        var id = FollowUpApp.QueryValue(response.Headers.Location, "id");
        var sent = Assert.Single(await app.Sent.WaitForAsync(id, within: TimeSpan.FromSeconds(2)));
        Assert.Equal(("acknowledgment", "email", "dana@example.com"), (sent.Kind, sent.Channel, sent.To));
        Assert.Contains("Hi Dana", sent.Text);
        Assert.Contains("by 9:15 AM today", sent.Text);
    }

    [Fact]
    public async Task A_repeat_submission_joined_to_the_open_inquiry_keeps_what_is_known_about_the_number()
    {
        await using var app = new FollowUpApp(azurite);
        var id = await app.SubmitAsync(new { name = "Lee", phone = "+12125550100", consentToSms = true });
        await app.Sent.WaitForAsync(id);
        await app.Get<FollowUp.Core.OptOuts>().SetSmsOptOutAsync("+12125550100", true, "the number texted STOP", app.Time.GetUtcNow(), Ct);

        await app.SubmitAsync(new { name = "Lee", phone = "+12125550100", consentToSms = true }); // joined: same number, within the window

        Assert.Equal([id], await app.InquiryIdsAsync());
        var contact = await app.Storage.FindContactAsync(ContactEntity.PhoneKey("+12125550100"), Ct);
        Assert.True(contact!.SmsOptedOut); // STOP still holds
        Assert.NotNull(contact.TextedAt);
        Assert.Equal(id, contact.OpenInquiryId);
    }

    [Fact]
    public async Task Thank_you_page_states_the_promised_time()
    {
        await using var app = new FollowUpApp(azurite);
        var response = await app.PostFormAsync("/api/inquiries", new Dictionary<string, string> { ["name"] = "Dana", ["email"] = "dana@example.com" });

        var page = await app.Client().GetAsync(response.Headers.Location, Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Bright Side Plumbing received your message and will get back to you by 9:15 AM today.", await page.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Json_post_returns_202_with_id_and_promised_time_and_texts_a_consenting_prospect()
    {
        await using var app = new FollowUpApp(azurite);

        var response = await app.PostJsonAsync("/api/inquiries", new
        {
            name = "Lee Park",
            phone = "(212) 555-0100",
            preferredChannel = "sms",
            consentToSms = true,
            timeZone = "America/Chicago",
            source = "landing page",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal("received", body.GetProperty("status").GetString());
        Assert.Equal("sms", body.GetProperty("acknowledgment").GetString());
        Assert.Equal(FollowUpApp.Start.AddMinutes(15), body.GetProperty("respondBy").GetDateTimeOffset());
        Assert.Contains("8:15 AM today", body.GetProperty("message").GetString());
        var sent = Assert.Single(await app.Sent.WaitForAsync(id));
        Assert.Equal(("sms", "+12125550100"), (sent.Channel, sent.To));
        Assert.Contains("Reply STOP to opt out", sent.Text);
        var inquiry = await app.InquiryAsync(id);
        Assert.Equal(("landing page", "+12125550100"), (inquiry!.Source, inquiry.Phone));
    }

    [Fact]
    public async Task Prospect_without_sms_consent_is_not_texted_and_the_timeline_says_why()
    {
        await using var app = new FollowUpApp(azurite);

        var response = await app.PostJsonAsync("/api/inquiries", new { name = "Lee", phone = "+44 20 7946 0958" });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(JsonValueKind.Null, body.GetProperty("acknowledgment").ValueKind);
        Assert.Empty(await app.OutboxAsync(id));
        var timeline = await app.TimelineAsync(id);
        Assert.Contains(timeline, e => e.Type == "note" && e.Detail!.Contains("no consent to SMS"));
        Assert.Equal("+442079460958", (await app.InquiryAsync(id))!.Phone);
    }

    [Fact]
    public async Task Repeat_submission_from_the_same_contact_joins_the_open_inquiry_and_sends_nothing_new()
    {
        await using var app = new FollowUpApp(azurite);
        var first = await (await app.PostJsonAsync("/api/inquiries", new { name = "Sam", email = "sam@example.com", message = "Quote please" }))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = first.GetProperty("id").GetString()!;
        await app.Sent.WaitForAsync(id);
        app.Time.Advance(TimeSpan.FromHours(2));

        var second = await app.PostFormAsync("/api/inquiries", new Dictionary<string, string> { ["name"] = "Sam", ["email"] = "SAM@Example.com", ["message"] = "Still waiting" });
        var third = await (await app.PostJsonAsync("/api/inquiries", new { name = "Sam", email = "sam@example.com" })).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.NotEqual(id, FollowUpApp.QueryValue(second.Headers.Location!, "id"));
        Assert.NotEqual(id, third.GetProperty("id").GetString());
        Assert.Equal(1, await app.PartitionCountAsync());
        Assert.Equal(3, (await app.InquiryAsync(id))!.Submissions);
        Assert.Contains(await app.TimelineAsync(id), e => e.Type == "received-again" && e.Detail!.Contains("Still waiting"));
        Assert.Single(await app.OutboxAsync(id), row => row.Kind == "acknowledgment");
        Assert.Single(app.Sent.For(id), m => m.Kind == "acknowledgment");
    }

    [Fact]
    public async Task Double_clicked_submit_creates_one_inquiry_and_one_acknowledgment()
    {
        await using var app = new FollowUpApp(azurite);
        var client = app.Client();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.PostAsJsonAsync("/api/inquiries", new { name = "Kim", email = "kim@example.com", phone = "+12125550142" }, Ct)));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var id = Assert.Single(await app.InquiryIdsAsync());
        Assert.Single(bodies, b => b.GetProperty("id").GetString() == id);
        Assert.Equal(6, (await app.InquiryAsync(id))!.Submissions);
        Assert.Single(await app.Sent.WaitForAsync(id));
    }

    [Fact]
    public async Task Submission_after_the_duplicate_window_opens_a_new_inquiry()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Intake:DuplicateWindow"] = "01:00:00" });
        var first = await (await app.PostJsonAsync("/api/inquiries", new { name = "Sam", phone = "+12125550199" })).Content.ReadFromJsonAsync<JsonElement>(Ct);
        app.Time.Advance(TimeSpan.FromMinutes(61));

        var second = await (await app.PostJsonAsync("/api/inquiries", new { name = "Sam", phone = "212-555-0199" })).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal("received", second.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Honeypot_submission_looks_accepted_but_stores_and_sends_nothing()
    {
        await using var app = new FollowUpApp(azurite);

        var form = await app.PostFormAsync("/api/inquiries", new Dictionary<string, string> { ["name"] = "Bot", ["email"] = "bot@example.com", ["website"] = "http://spam.example" });
        var json = await app.PostJsonAsync("/api/inquiries", new { name = "Bot", email = "bot2@example.com", website = "x" });

        Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, json.StatusCode);
        Assert.Equal(0, await app.PartitionCountAsync());
        Assert.Empty(app.Sent.All());
    }
}
