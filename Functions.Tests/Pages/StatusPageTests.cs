using System.Text.Json;
using FollowUp.ResponseWindows;
using FollowUp.Tests.Fixtures;
using Microsoft.Playwright;

namespace FollowUp.Tests.Pages;

/// <summary>
/// The prospect's status page in a real headless Chromium on a 375 px phone screen, with JavaScript on and off:
/// the link from the acknowledgment opens it, each action is a plain form that works either way, and the staff
/// API and the ladder see what the prospect did. Time is the app's fake clock: Monday 9:00 AM in New York.
/// </summary>
public sealed class StatusPageTests(AzuriteFixture azurite, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string DanaMobile = "+12125550101";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_link_in_the_acknowledgment_opens_the_page_with_the_owners_first_name_and_the_promised_time()
    {
        await using var app = StatusPages.App(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:StatusPage:Phone"] = "+12125550199", ["FollowUp:StatusPage:BookingUrl"] = "https://cal.com/brightside",
        });
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com", message = "Leaking tap upstairs" });
        var requested = new List<string>();
        var (page, response) = await OpenAsync(app, await StatusPages.LinkPathAsync(app, id), watch: requested);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bright Side Plumbing");
        await Assertions.Expect(page.Locator("#promise")).ToHaveTextAsync("Dana will get back to you by 9:15 AM today.");
        await Assertions.Expect(page.Locator("main h2").First).ToHaveTextAsync("Hi Ana");
        await Assertions.Expect(page.Locator("#asked")).ToHaveTextAsync("Leaking tap upstairs");
        await Assertions.Expect(page.Locator("#story")).ToContainTextAsync("We received your request at 9:00 AM today.");
        Assert.Equal("tel:+12125550199", await page.Locator("header a").GetAttributeAsync("href"));
        Assert.Equal("https://cal.com/brightside", await page.Locator("[data-action=book]").GetAttributeAsync("href"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));

        var html = await page.ContentAsync();
        Assert.DoesNotContain(DanaMobile, html);
        Assert.DoesNotContain(IdGenerator.ShortCode(id), html);
        Assert.DoesNotContain("Reyes", html); // the owner's first name only
        var headers = await response.AllHeadersAsync();
        Assert.StartsWith("default-src 'none';", headers["content-security-policy"]);
        Assert.Contains("form-action 'self'", headers["content-security-policy"]);
        Assert.Equal(("no-referrer", "noindex, nofollow", "nosniff"), (headers["referrer-policy"], headers["x-robots-tag"], headers["x-content-type-options"]));
        Assert.Equal("noindex, nofollow", await page.Locator("meta[name=robots]").GetAttributeAsync("content"));
        Assert.NotNull((await app.InquiryAsync(id))!.StatusOpenedAt);
        Assert.NotEmpty(requested);
        Assert.All(requested, url => Assert.StartsWith(app.BaseAddress.ToString(), url)); // nothing from anywhere else
    }

    [Fact]
    public async Task Times_are_in_the_prospects_own_time_zone()
    {
        await using var app = StatusPages.App(azurite);
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com", timeZone = "America/Los_Angeles" });
        var (page, _) = await OpenAsync(app, await StatusPages.LinkPathAsync(app, id));

        await Assertions.Expect(page.Locator("#promise")).ToHaveTextAsync("Dana will get back to you by 6:15 AM today.");
        await Assertions.Expect(page.Locator("#story")).ToContainTextAsync("We received your request at 6:00 AM today.");
        await Assertions.Expect(page.Locator("#slot option").First).ToHaveTextAsync("Mon, Nov 23, 6:30 AM"); // 9:30 in New York, where the business opens
    }

    [Fact]
    public async Task Axe_finds_no_WCAG_2_1_AA_violation_on_the_page()
    {
        await using var app = StatusPages.App(azurite, new Dictionary<string, string?> { ["FollowUp:StatusPage:Phone"] = "+12125550199", ["FollowUp:StatusPage:BookingUrl"] = "https://cal.com/brightside" });
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com", message = "Leaking tap upstairs" });
        var path = await StatusPages.LinkPathAsync(app, id);
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, (await StatusPages.PostAsync(app, path + "/detail", new Dictionary<string, string> { ["detail"] = "Upstairs" })).StatusCode);
        var (page, _) = await OpenAsync(app, path + "?done=detail");

        // axe-core from the repo's node_modules (npm ci), evaluated by the test driver: the page's CSP allows no other script.
        await page.EvaluateAsync(await File.ReadAllTextAsync(Path.Combine(Published.RepoRoot, "node_modules", "axe-core", "axe.min.js"), Ct));
        var result = await page.EvaluateAsync<JsonElement>("axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })");

        var violations = result.GetProperty("violations").EnumerateArray().Select(v => $"{v.GetProperty("id")}: {v.GetProperty("help")}").ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(result.GetProperty("passes").GetArrayLength() > 0); // axe really ran over the page
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Sorted_closes_the_inquiry_as_withdrawn_and_no_reminder_is_sent(bool javaScript)
    {
        await using var app = StatusPages.App(azurite);
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" });
        var (page, _) = await OpenAsync(app, await StatusPages.LinkPathAsync(app, id), javaScript);

        await page.Locator("[data-action=sorted] button").ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Thanks for letting us know. We have closed your request.");
        await Assertions.Expect(page.Locator("#promise")).ToHaveTextAsync("This request is closed.");
        await Assertions.Expect(page.Locator("[data-action]")).ToHaveCountAsync(0);
        var staff = (await StatusPages.StaffViewAsync(app, id)).GetProperty("inquiry");
        Assert.Equal((InquiryStatus.Closed, InquiryStatus.Withdrawn), (staff.GetProperty("status").GetString(), staff.GetProperty("outcome").GetString()));
        var told = Assert.Single(await app.Sent.WaitForAsync(id, count: 2), m => m.Kind == MessageKinds.ProspectUpdate);
        Assert.Equal(DanaMobile, told.To);
        Assert.Contains("Ana Lima says they have sorted it", told.Text);

        app.Time.Advance(TimeSpan.FromHours(2)); // past the reminder, the lapse, the escalation and "no news"
        await app.Get<LadderScan>().ScanOnceAsync(Ct);
        Assert.Equal([MessageKinds.Acknowledgment, MessageKinds.ProspectUpdate], app.Sent.For(id).Select(m => m.Kind));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Better_time_moves_the_promise_to_the_slot_and_the_owners_reminder_comes_before_it(bool javaScript)
    {
        await using var app = StatusPages.App(azurite);
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" });
        var (page, _) = await OpenAsync(app, await StatusPages.LinkPathAsync(app, id), javaScript);
        var slot = DateTimeOffset.Parse("2026-11-24T15:00:00Z"); // Tuesday 10:00 AM in New York

        await page.GetByLabel("Pick a better time for Dana to call").SelectOptionAsync("2026-11-24T15:00Z");
        await page.Locator("[data-action=better-time] button").ClickAsync();

        await Assertions.Expect(page.Locator("#promise")).ToHaveTextAsync("Dana will call you at 10:00 AM tomorrow.");
        await Assertions.Expect(page.Locator("#story")).ToContainTextAsync("You picked a new time at 9:00 AM today.");
        var staff = (await StatusPages.StaffViewAsync(app, id)).GetProperty("inquiry");
        Assert.Equal(slot, staff.GetProperty("respondBy").GetDateTimeOffset());
        var told = Assert.Single(await app.Sent.WaitForAsync(id, count: 2), m => m.Kind == MessageKinds.ProspectUpdate);
        Assert.Contains("Ana Lima asked to be called at 10:00 AM tomorrow instead.", told.Text);

        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T14:20:00Z")); // past the old promise's reminder, lapse and escalation
        await app.Get<LadderScan>().ScanOnceAsync(Ct);
        Assert.DoesNotContain(app.Sent.For(id), m => m.Kind is MessageKinds.OwnerReminder or MessageKinds.OwnerLapsed or MessageKinds.Escalation);

        app.Time.SetUtcNow(slot - TimeSpan.FromMinutes(5));
        await app.Get<LadderScan>().ScanOnceAsync(Ct);
        var reminder = (await Eventually.GetAsync(
            () => Task.FromResult(app.Sent.For(id).Where(m => m.Kind == MessageKinds.OwnerReminder).ToList()), sent => sent.Count > 0, "the owner's reminder"))[0];
        Assert.Equal(DanaMobile, reminder.To);
        Assert.Contains("by 10:00 AM today", reminder.Text);
        Assert.True(app.Time.GetUtcNow() < slot);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_detail_goes_on_the_timeline_and_to_the_owner_with_the_code(bool javaScript)
    {
        await using var app = StatusPages.App(azurite);
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" });
        var (page, _) = await OpenAsync(app, await StatusPages.LinkPathAsync(app, id), javaScript);

        await page.GetByLabel("Add a detail").FillAsync("It's the upstairs bathroom");
        if (javaScript)
        {
            await Assertions.Expect(page.Locator("#detail-left")).ToHaveTextAsync("974 characters left.");
        }

        await page.Locator("[data-action=detail] button").ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Thanks: Dana has your detail.");
        await Assertions.Expect(page.Locator("#story")).ToContainTextAsync("You added a detail at 9:00 AM today.");
        var timeline = (await StatusPages.StaffViewAsync(app, id)).GetProperty("timeline").EnumerateArray();
        Assert.Contains(timeline, e => e.GetProperty("type").GetString() == "detail-added"
            && e.GetProperty("detail").GetString() == "Ana Lima added on their status page: It's the upstairs bathroom");
        var forward = Assert.Single(await app.Sent.WaitForAsync(id, count: 2), m => m.Kind == MessageKinds.ProspectReply);
        Assert.Equal(DanaMobile, forward.To);
        Assert.StartsWith($"Ana Lima replied ({IdGenerator.ShortCode(id)}): It's the upstairs bathroom", forward.Text);
    }

    [Fact]
    public async Task A_changed_token_shows_404_and_after_erasure_the_link_shows_410_both_naming_nobody()
    {
        await using var app = StatusPages.App(azurite);
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com", message = "Leaking tap upstairs" });
        var path = await StatusPages.LinkPathAsync(app, id);
        var page = await chromium.NewPageAsync(width: 375, height: 740);

        var changed = await page.GotoAsync(new Uri(app.BaseAddress, path[..^1] + (path[^1] == 'A' ? 'B' : 'A')).ToString());
        Assert.Equal(404, changed!.Status);
        await Assertions.Expect(page.Locator("main")).ToHaveTextAsync("Page not foundThere is no status page at this address. Please check the link you were sent.");
        Assert.DoesNotContain("Ana", await page.ContentAsync());

        var erase = new HttpRequestMessage(HttpMethod.Post, "/api/staff/erasures") { Content = System.Net.Http.Json.JsonContent.Create(new { email = "ana@example.com" }) };
        erase.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", FollowUp.Tests.Leads.LeadImportTests.SamKey);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.Client().SendAsync(erase, Ct)).StatusCode);

        var ended = await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
        Assert.Equal(410, ended!.Status);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("This status page has ended.");
        Assert.DoesNotContain("Ana", await page.ContentAsync());
        Assert.DoesNotContain("Leaking", await page.ContentAsync());
    }

    [Fact]
    public async Task A_form_posted_from_another_origin_is_refused()
    {
        await using var app = StatusPages.App(azurite);
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" });
        var action = new Uri(app.BaseAddress, await StatusPages.LinkPathAsync(app, id) + "/sorted");
        var page = await chromium.NewPageAsync(width: 375, height: 740);

        // localhost is another origin (and site) than 127.0.0.1, where the app is: a page there posts the form.
        await page.GotoAsync($"http://localhost:{app.BaseAddress.Port}/api/pages/form/");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync($"() => {{ const f = document.createElement('form'); f.method = 'post'; f.action = '{action}'; document.body.append(f); f.submit(); }}"),
            r => r.Url == action.ToString());

        Assert.Equal(403, response.Status);
        Assert.Equal(InquiryStatus.Open, (await app.InquiryAsync(id))!.Status);
    }

    private async Task<(IPage Page, IResponse Response)> OpenAsync(FollowUpApp app, string path, bool javaScript = true, List<string>? watch = null)
    {
        var page = await chromium.NewPageAsync(javaScript, width: 375, height: 740);
        page.Request += (_, request) => watch?.Add(request.Url);
        var response = await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
        Assert.Equal(200, response!.Status);
        return (page, response);
    }
}
