using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Leads;

namespace FollowUp.Tests.Pages;

/// <summary>
/// The status page's actions at the HTTP level: only from the page's own origin, limited per link, details checked
/// and capped like replies, a withdrawn referral never reported as contacted, booking links, the owner's slots kept apart.
/// </summary>
public sealed class StatusActionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_action_from_another_origin_or_without_one_is_refused()
    {
        await using var app = StatusPages.App(azurite);
        var (id, path) = await StatusPages.AnaAsync(app);

        var crossSite = await StatusPages.PostAsync(app, path + "/sorted", site: "cross-site");
        var foreignOrigin = new HttpRequestMessage(HttpMethod.Post, path + "/sorted") { Content = new FormUrlEncodedContent([]) };
        foreignOrigin.Headers.Add("Origin", "https://evil.example");
        var bare = await app.Client().PostAsync(path + "/sorted", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client().SendAsync(foreignOrigin, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        Assert.Equal(InquiryStatus.Open, (await app.InquiryAsync(id))!.Status);

        var ownOrigin = new HttpRequestMessage(HttpMethod.Post, path + "/sorted") { Content = new FormUrlEncodedContent([]) };
        ownOrigin.Headers.Add("Origin", StatusPages.PublicBaseUrl);
        Assert.Equal(HttpStatusCode.SeeOther, (await app.Client().SendAsync(ownOrigin, Ct)).StatusCode);
        Assert.Equal(InquiryStatus.Withdrawn, (await app.InquiryAsync(id))!.Outcome);
    }

    [Fact]
    public async Task Actions_are_limited_per_link_and_details_checked_for_length()
    {
        await using var app = StatusPages.App(azurite, new Dictionary<string, string?> { ["FollowUp:StatusPage:ActionsPerHour"] = "3" });
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" });
        var other = await app.SubmitAsync(new { name = "Bo Chen", email = "bo@example.com" });
        var path = await StatusPages.LinkPathAsync(app, id);

        var tooLong = await StatusPages.PostAsync(app, path + "/detail", new Dictionary<string, string> { ["detail"] = new string('x', 1001) });
        var empty = await StatusPages.PostAsync(app, path + "/detail", new Dictionary<string, string> { ["detail"] = "  " });
        var ok = await StatusPages.PostAsync(app, path + "/detail", new Dictionary<string, string> { ["detail"] = "It's the upstairs bathroom" });
        var limited = await StatusPages.PostAsync(app, path + "/detail", new Dictionary<string, string> { ["detail"] = "And the kitchen" });

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (tooLong.StatusCode, empty.StatusCode));
        Assert.Equal(HttpStatusCode.SeeOther, ok.StatusCode);
        Assert.Equal($"{path}?done=detail", ok.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(1, (await app.InquiryAsync(id))!.DetailsAdded);
        Assert.Equal(HttpStatusCode.SeeOther, (await StatusPages.PostAsync(app, await StatusPages.LinkPathAsync(app, other) + "/sorted")).StatusCode);

        // A made-up link is not counted (it holds no limiter): it stays a 404, never a 429.
        var madeUp = StatusLinks.PathPrefix + "AAAAAAAAAAAAAAAAAAAAAA";
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await StatusPages.PostAsync(app, madeUp + "/sorted")).StatusCode);
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.NotFound, status));
    }

    [Fact]
    public async Task A_referred_prospect_who_withdrew_never_has_their_referrer_told_they_were_contacted()
    {
        await using var app = StatusPages.App(azurite);
        var id = await app.SubmitAsync(new { referrer = new { name = "Ann Lopez", email = "ann@example.com" }, prospect = new { name = "Bo Chen", email = "bo@example.com" } }, "/api/referrals");
        await app.Sent.WaitForAsync(id, count: 2); // Bo's acknowledgment and Ann's thanks

        Assert.Equal(HttpStatusCode.SeeOther, (await StatusPages.PostAsync(app, await StatusPages.LinkPathAsync(app, id) + "/sorted")).StatusCode);
        var reached = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/inquiries/{id}/attempts") { Content = JsonContent.Create(new { channel = "phone", outcome = "reached" }) };
        reached.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LeadImportTests.SamKey);

        Assert.Equal(HttpStatusCode.Conflict, (await app.Client().SendAsync(reached, Ct)).StatusCode);
        await app.Sent.WaitForAsync(id, count: 3); // and the owner's notice
        Assert.DoesNotContain(app.Sent.For(id), m => m.Kind == MessageKinds.ReferrerUpdate);
        Assert.False((await app.InquiryAsync(id))!.ReferrerTold);
    }

    [Fact]
    public async Task Details_are_forwarded_to_the_owner_within_the_hourly_cap_like_replies()
    {
        await using var app = StatusPages.App(azurite);
        var (id, path) = await StatusPages.AnaAsync(app);

        foreach (var detail in new[] { "Upstairs", "The bathroom", "Since Sunday", "Water on the floor" })
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await StatusPages.PostAsync(app, path + "/detail", new Dictionary<string, string> { ["detail"] = detail })).StatusCode);
        }

        var forwards = (await app.Sent.WaitForAsync(id, count: 4)).Where(m => m.Kind == MessageKinds.ProspectReply).ToList();
        Assert.Equal(3, forwards.Count); // FollowUp:Sms:ForwardsPerInquiryPerHour
        var held = Assert.Single(await app.OutboxAsync(id), r => r.MessageId.StartsWith("replies-held-", StringComparison.Ordinal));
        Assert.Contains("the latest: Water on the floor", held.Body);
        Assert.Equal(4, (await app.InquiryAsync(id))!.DetailsAdded);
    }

    [Fact]
    public async Task The_owners_own_booking_page_comes_before_the_business_one_and_neither_shows_once_closed()
    {
        await using var app = StatusPages.App(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:Staff:0:BookingUrl"] = "https://cal.com/dana-reyes", ["FollowUp:StatusPage:BookingUrl"] = "https://calendly.com/brightside",
        });
        var path = await StatusPages.LinkPathAsync(app, await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" }));

        Assert.Contains("<a class=\"button\" data-action=\"book\" href=\"https://cal.com/dana-reyes\"", await app.Client().GetStringAsync(path, Ct));
        Assert.Equal(HttpStatusCode.SeeOther, (await StatusPages.PostAsync(app, path + "/sorted")).StatusCode);
        Assert.DoesNotContain("data-action=\"book\"", await app.Client().GetStringAsync(path, Ct));
    }

    [Fact]
    public async Task A_slot_one_prospect_took_is_not_offered_to_another_of_the_same_owner()
    {
        await using var app = StatusPages.App(azurite);
        var ana = await StatusPages.LinkPathAsync(app, await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" }));
        var bo = await StatusPages.LinkPathAsync(app, await app.SubmitAsync(new { name = "Bo Chen", email = "bo@example.com" }));
        const string slot = "2026-11-24T15:00Z"; // Tuesday 10:00 AM in New York
        Assert.Contains($"value=\"{slot}\"", await app.Client().GetStringAsync(bo, Ct));

        var moved = await StatusPages.PostAsync(app, ana + "/better-time", new Dictionary<string, string> { ["slot"] = slot });
        var again = await StatusPages.PostAsync(app, bo + "/better-time", new Dictionary<string, string> { ["slot"] = slot });
        var malformed = await StatusPages.PostAsync(app, bo + "/better-time", new Dictionary<string, string> { ["slot"] = "tomorrow" });
        var closedDay = await StatusPages.PostAsync(app, bo + "/better-time", new Dictionary<string, string> { ["slot"] = "2026-11-28T15:00Z" }); // a Saturday

        Assert.Equal($"{ana}?done=better-time", moved.Headers.Location!.OriginalString);
        Assert.Equal($"{bo}?done=slot-gone", again.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        Assert.Equal($"{bo}?done=slot-gone", closedDay.Headers.Location!.OriginalString);
        Assert.DoesNotContain($"value=\"{slot}\"", await app.Client().GetStringAsync(bo, Ct));
        Assert.Contains("Sorry, that time is no longer free.", await app.Client().GetStringAsync(bo + "?done=slot-gone", Ct));
    }
}
