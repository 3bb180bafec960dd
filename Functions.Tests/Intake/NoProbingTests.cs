using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Intake;

/// <summary>
/// Nobody can learn from intake's answer whether someone already has an open inquiry, or whether a
/// submission was taken for a bot's: a new inquiry, a repeat of an open one and a honeypot decoy get the
/// same answer, field for field, except for a fresh id.
/// </summary>
public sealed class NoProbingTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repeat_submission_answers_exactly_like_a_new_one_and_is_still_joined()
    {
        await using var app = new FollowUpApp(azurite);
        var original = await app.SubmitAsync(new { name = "Sam Ortiz", email = "sam@example.com", message = "Quote please" });
        app.Time.Advance(TimeSpan.FromHours(2));

        var repeat = await AnswerAsync(app, new { name = "Sam Ortiz", email = "sam@example.com", message = "Any news?" });
        var fresh = await AnswerAsync(app, new { name = "Kit Ortiz", email = "kit@example.com", message = "Any news?" });
        var repeatForm = await app.PostFormAsync("/api/inquiries", new Dictionary<string, string> { ["name"] = "Sam Ortiz", ["email"] = "sam@example.com" });
        var freshForm = await app.PostFormAsync("/api/inquiries", new Dictionary<string, string> { ["name"] = "Jo Ortiz", ["email"] = "jo@example.com" });

        AssertSameAnswer(fresh, repeat);
        Assert.NotEqual(original, repeat.GetProperty("id").GetString());
        Assert.Equal(FollowUpApp.QueryValue(freshForm.Headers.Location!, "by"), FollowUpApp.QueryValue(repeatForm.Headers.Location!, "by"));
        Assert.NotEqual(original, FollowUpApp.QueryValue(repeatForm.Headers.Location!, "id"));
        var repeatPage = await (await app.Client().GetAsync(repeatForm.Headers.Location, Ct)).Content.ReadAsStringAsync(Ct);
        var freshPage = await (await app.Client().GetAsync(freshForm.Headers.Location, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Equal(freshPage, repeatPage);

        // Joined all the same: one inquiry for Sam, counted three times, with the new message on its timeline.
        Assert.Equal(3, (await app.InquiryAsync(original))!.Submissions);
        Assert.Contains(await app.TimelineAsync(original), e => e.Type == "received-again" && e.Detail!.Contains("Any news?"));
        Assert.Equal(3, await app.PartitionCountAsync()); // Sam, Kit and Jo
    }

    [Fact]
    public async Task A_repeat_with_someone_elses_address_answers_from_what_was_sent_not_from_their_inquiry()
    {
        await using var app = new FollowUpApp(azurite);
        await app.SubmitAsync(new { name = "Lee Park", phone = "+12125550100", email = "lee.park@example.com", consentToSms = true, preferredChannel = "sms" });

        var probe = await AnswerAsync(app, new { name = "Eve", email = "lee.park@example.com" }); // joins Lee's inquiry
        var fresh = await AnswerAsync(app, new { name = "Eve", email = "eve@example.com" });

        Assert.Equal("email", probe.GetProperty("acknowledgment").GetString()); // not Lee's "sms"
        AssertSameAnswer(fresh, probe);
    }

    [Fact]
    public async Task An_address_that_bounced_answers_like_any_other()
    {
        await using var app = new FollowUpApp(azurite);
        await app.Get<FollowUp.Core.OptOuts>().SuppressEmailAsync("bounced@example.com", "SendGrid bounce", app.Time.GetUtcNow(), Ct);

        var bounced = await AnswerAsync(app, new { name = "Eve", email = "bounced@example.com" });
        var fresh = await AnswerAsync(app, new { name = "Eve", email = "eve@example.com" });

        AssertSameAnswer(fresh, bounced);
        Assert.Equal("email", bounced.GetProperty("acknowledgment").GetString());
    }

    [Fact]
    public async Task A_repeat_never_attaches_a_new_phone_to_someone_elses_open_inquiry()
    {
        await using var app = new FollowUpApp(azurite);
        var lees = await app.SubmitAsync(new { name = "Lee Park", email = "lee.park@example.com" });

        await AnswerAsync(app, new { name = "Lee Park", email = "lee.park@example.com", phone = "+12125550166", consentToSms = true });

        Assert.Null(await app.Storage.FindContactAsync(FollowUp.Storage.ContactEntity.PhoneKey("+12125550166"), Ct));
        Assert.Null((await app.InquiryAsync(lees))!.Phone);
        Assert.Contains(await app.TimelineAsync(lees), e => e.Type == "received-again" && e.Detail!.Contains("+1******0166, which this inquiry does not have: not added")); // masked: it may be a stranger's
    }

    [Fact]
    public async Task A_honeypot_answer_reads_like_a_real_one()
    {
        await using var app = new FollowUpApp(azurite);

        var real = await AnswerAsync(app, new { name = "Lee Park", email = "lee@example.com" });
        var decoy = await AnswerAsync(app, new { name = "Lee Bot", email = "bot@example.com", website = "http://spam.example" });

        AssertSameAnswer(real, decoy);
        Assert.Equal(1, await app.PartitionCountAsync());
    }

    private static async Task<JsonElement> AnswerAsync(FollowUpApp app, object body)
    {
        var response = await app.PostJsonAsync("/api/inquiries", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Every field the same, raw text included (so a promised time is written one way), but the id, which only has the same form.</summary>
    private static void AssertSameAnswer(JsonElement expected, JsonElement actual)
    {
        var names = expected.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names, actual.EnumerateObject().Select(p => p.Name).ToList());
        Assert.DoesNotContain("owner", names);
        foreach (var name in names.Where(n => n != "id"))
        {
            Assert.Equal(expected.GetProperty(name).GetRawText(), actual.GetProperty(name).GetRawText());
        }

        Assert.Matches("^[0-9]{14}-[A-Z0-9]{8}$", actual.GetProperty("id").GetString());
        Assert.NotEqual(expected.GetProperty("id").GetString(), actual.GetProperty("id").GetString());
    }
}
