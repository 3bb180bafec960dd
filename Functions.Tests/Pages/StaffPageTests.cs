using System.Text;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Leads;
using Microsoft.Playwright;

namespace FollowUp.Tests.Pages;

/// <summary>
/// The staff page in a real headless Chromium, against the app with its Development staff: Dana (on
/// duty) and Sam, her manager. Time on the page is the app's (fake) clock.
/// </summary>
public sealed class StaffPageTests(AzuriteFixture azurite, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string SamKey = "local-dev-only-sam-key-00000";

    // A generated trade-show list of this many rows; against Azurite it imports at about 100 rows/s.
    // Enough rows to watch progress through the page; the import's speed at 10,000 rows is the bench's to measure.
    private const int Rows = 3_000;
    private const string RowsAsShown = "3,000"; // the page writes counts in the browser's locale (en-US here)

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_sign_in_by_keyboard_see_what_is_due_and_work_an_inquiry_through_to_closed()
    {
        await using var app = new FollowUpApp(azurite);
        var late = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com", message = "Burst pipe" });
        app.Time.Advance(TimeSpan.FromMinutes(10));
        await app.SubmitAsync(new { name = "Bo Chen", email = "bo@example.com" });
        app.Time.Advance(TimeSpan.FromMinutes(6)); // Ana's 15 minutes ran out a minute ago; Bo has 9 left

        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/api/pages/staff").ToString());
        await page.Keyboard.PressAsync("Tab"); // the skip link
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("key", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("not-the-right-key-000000000");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#alert")).ToContainTextAsync("not accepted");
        await page.Keyboard.TypeAsync(LeadImportTests.DanaKey);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#me-name")).ToHaveTextAsync("Signed in as Dana Reyes");
        var rows = page.Locator("#inquiries-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        Assert.Equal(["Ana Lima", "web form", "Dana Reyes", "Waiting", "Overdue by 1 min"], Cells(await rows.Nth(0).Locator("td").AllTextContentsAsync()));
        Assert.Equal("Bo Chen", (await rows.Nth(1).Locator("td").AllTextContentsAsync())[0]);
        Assert.Equal("9 min left", (await rows.Nth(1).Locator("td").AllTextContentsAsync())[4]);
        Assert.Equal("rgb(179, 38, 30)", await rows.Nth(0).Locator("td.due").EvaluateAsync<string>("e => getComputedStyle(e).color"));
        Assert.NotEqual("rgb(179, 38, 30)", await rows.Nth(1).Locator("td.due").EvaluateAsync<string>("e => getComputedStyle(e).color"));
        Assert.True(await page.Locator("#load-tab").IsHiddenAsync()); // Dana manages nobody
        Assert.True(await page.Locator("#import").IsHiddenAsync()); // and lead lists are for managers

        await page.GetByRole(AriaRole.Button, new() { Name = "Open Ana Lima" }).ClickAsync();
        await Assertions.Expect(page.Locator("#detail-title")).ToHaveTextAsync($"Ana Lima ({IdGenerator.ShortCode(late)})");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Inquiry received from web form.");
        await Assertions.Expect(page.Locator("#detail-facts")).ToContainTextAsync("MessageBurst pipe");

        await page.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
        await Assertions.Expect(page.Locator("#claim")).ToHaveTextAsync("Claimed by you");

        await page.GetByLabel("Channel").SelectOptionAsync("phone");
        await page.GetByLabel("Outcome", new() { Exact = true }).First.SelectOptionAsync("reached");
        await page.GetByLabel("Note (optional)").FillAsync("Booked Tuesday 10am");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log attempt" }).ClickAsync();
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Attempt by Dana Reyes: phone, reached - Booked Tuesday 10am");

        await page.Locator("#close-outcome").SelectOptionAsync("won");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close inquiry" }).ClickAsync();
        await Assertions.Expect(page.Locator("#alert")).ToHaveTextAsync("Inquiry closed.");
        var closed = await app.InquiryAsync(late);
        Assert.Equal(InquiryStatus.Closed, closed!.Status);
        Assert.Equal("won", closed.Outcome);
        Assert.Equal("dana", closed.ClaimedBy);

        await page.GetByRole(AriaRole.Button, new() { Name = "Back to the list" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_manager_sees_each_owners_open_overdue_and_lapsed_today()
    {
        await using var app = new FollowUpApp(azurite);
        await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" });
        await app.SubmitAsync(new { name = "Bo Chen", email = "bo@example.com" });
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await app.SubmitAsync(new { name = "Cy Park", email = "cy@example.com" });
        app.Time.Advance(TimeSpan.FromMinutes(12)); // the first two are past their 15 minutes

        var page = await chromium.NewPageAsync();
        await SignInAsync(page, app, SamKey);

        await Assertions.Expect(page.Locator("#me-name")).ToHaveTextAsync("Signed in as Sam Ortiz (manager)");
        var dana = page.Locator("#load-table tbody tr", new() { HasText = "Dana Reyes" });
        await Assertions.Expect(dana).ToHaveCountAsync(1);
        Assert.Equal(["Dana Reyes", "Yes", "3", "2", "2"], Cells(await dana.Locator("td").AllTextContentsAsync()));
        var sam = page.Locator("#load-table tbody tr", new() { HasText = "Sam Ortiz" });
        Assert.Equal(["Sam Ortiz", "No", "0", "0", "0"], Cells(await sam.Locator("td").AllTextContentsAsync()));
    }

    [Fact]
    public async Task On_a_phone_the_list_fits_the_screen_with_each_value_labelled()
    {
        await using var app = new FollowUpApp(azurite);
        await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com", source = "a rather long landing page name for spring" });
        var page = await chromium.NewPageAsync(width: 375, height: 740);
        await SignInAsync(page, app, LeadImportTests.DanaKey);
        await Assertions.Expect(page.Locator("#inquiries-table tbody tr")).ToHaveCountAsync(1);

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        Assert.Equal(["Prospect", "Source", "Owner", "State", "Time left"], await page.Locator("#inquiries-table tbody td").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.label)"));
        Assert.Equal("1px", await page.Locator("#inquiries-table thead").EvaluateAsync<string>("e => getComputedStyle(e).height"));
        var button = await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).BoundingBoxAsync();
        Assert.True(button!.Height >= 44, $"Refresh is {button.Height}px tall; touch targets need 44px.");
    }

    [Fact]
    public async Task A_lead_list_imports_from_the_page_with_progress_and_a_second_upload_adds_nothing()
    {
        // Acknowledgments are covered by the import API tests; here they would only add 10,000 sends to wait for.
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Import:Acknowledge"] = "false" });
        var csv = new StringBuilder("First Name,Last Name,Email,Phone,Company\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append($"Lead,Number{i},lead{i}@example.com,,Company {i % 97}\n");
        }

        var file = Path.Combine(app.WorkFolder, "home-show.csv");
        await File.WriteAllTextAsync(file, csv.ToString(), Ct);
        var page = await chromium.NewPageAsync();
        await SignInAsync(page, app, SamKey); // lead lists are for managers

        await page.GetByLabel("Event or list name").FillAsync("Home Show 2026");
        await page.GetByLabel("CSV file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        // Progress shows while rows are still being imported.
        var status = page.Locator("#import-status");
        await Assertions.Expect(status).ToContainTextAsync($"of about {RowsAsShown} rows", new() { Timeout = 60_000 });
        await Assertions.Expect(status).ToContainTextAsync($"Done: {RowsAsShown} rows. {RowsAsShown} new", new() { Timeout = 300_000 });
        Assert.Equal(100, await page.Locator("#import-bar").EvaluateAsync<double>("e => e.value"));
        Assert.True(await page.Locator("#import-problems").IsHiddenAsync());
        Assert.Equal(Rows, await app.PartitionCountAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync($"Done: {RowsAsShown} rows. 0 new, 0 already open, {RowsAsShown} imported before", new() { Timeout = 300_000 });
        Assert.Equal(Rows, await app.PartitionCountAsync());
    }

    [Fact]
    public async Task Signed_in_through_App_Service_the_page_needs_no_key_and_its_changes_pass_the_origin_check()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>
        {
            ["WEBSITE_AUTH_ENABLED"] = "True",
            ["FollowUp:Staff:0:SignInId"] = "0c7f0c35-0000-4000-8000-00000000da7a",
        }) { AsUnderFunctionsHost = true };
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" });
        var page = await chromium.NewPageAsync();
        var principal = """{"auth_typ":"aad","claims":[{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"0c7f0c35-0000-4000-8000-00000000da7a"}]}""";
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(principal)) });

        await page.GotoAsync(new Uri(app.BaseAddress, "/api/pages/staff/").ToString());

        await Assertions.Expect(page.Locator("#me-name")).ToHaveTextAsync("Signed in as Dana Reyes");
        Assert.True(await page.Locator("#sign-in").IsHiddenAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Open Ana Lima" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
        await Assertions.Expect(page.Locator("#claim")).ToHaveTextAsync("Claimed by you");
        Assert.Equal("dana", (await app.InquiryAsync(id))!.ClaimedBy);
    }

    [Fact]
    public async Task A_prospects_reply_shows_in_the_list_and_the_detail_with_how_to_answer_it()
    {
        await using var app = new FollowUpApp(azurite);
        var id = await app.SubmitAsync(new { name = "Ana Lima", phone = "+12125550144", consentToSms = true });
        await app.Get<FollowUp.Core.IInboundReplies>().RecordAsync(id, new FollowUp.Core.InboundReply("sms", "+12125550144", FollowUp.Core.Party.Prospect, "yes, after 5 pm please"), Ct);
        var page = await chromium.NewPageAsync();

        await SignInAsync(page, app, LeadImportTests.DanaKey);

        var row = page.Locator("#inquiries-table tbody tr").First;
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("Replied, waiting for an answer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open Ana Lima" }).ClickAsync();
        await Assertions.Expect(page.Locator("#detail-facts")).ToContainTextAsync($"Their replyyes, after 5 pm please");
        await Assertions.Expect(page.Locator("#detail-facts")).ToContainTextAsync($"answer by texting R {IdGenerator.ShortCode(id)}");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Ana Lima texted: yes, after 5 pm please");
    }

    [Fact]
    public async Task A_manager_sees_the_speed_to_lead_report_with_its_chart_on_a_phone()
    {
        await using var app = new FollowUpApp(azurite);
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" });
        app.Time.Advance(TimeSpan.FromMinutes(7));
        var attempt = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/inquiries/{id}/attempts") { Content = System.Net.Http.Json.JsonContent.Create(new { channel = "phone", outcome = "reached" }) };
        attempt.Headers.Authorization = new("Bearer", LeadImportTests.DanaKey);
        Assert.True((await app.Client().SendAsync(attempt, Ct)).IsSuccessStatusCode);
        var page = await chromium.NewPageAsync(width: 375, height: 740);

        await SignInAsync(page, app, SamKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Report" }).ClickAsync();

        var dana = page.Locator("#report-table tbody tr").First;
        await Assertions.Expect(dana.Locator("td").Nth(0)).ToHaveTextAsync("Dana Reyes");
        Assert.Equal(["1", "1", "7", "7", "100%"], [.. (await dana.Locator("td").AllTextContentsAsync()).Skip(1).Take(5)]);
        await Assertions.Expect(page.Locator("#report-chart rect title")).ToHaveTextAsync("Dana Reyes: median 7 minutes to first contact");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, Ct);
        Assert.Contains("owner,dana,Dana Reyes,1,1,7,7,1,0,0,0,1,0", csv);
    }

    [Fact]
    public async Task On_a_phone_calls_and_voicemail_are_on_the_timeline_the_voicemail_plays_and_call_rings_the_staff_mobile()
    {
        await using var host = await TwilioBackedApp.StartAsync(azurite);
        var app = host.App;
        const string caller = "+12125550146";
        const string recording = "RE00000000000000000000000000000146";
        var callSid = await TwilioVoice.MissWithVoicemailAsync(app, caller, recording);
        var id = Assert.Single(await app.InquiryIdsAsync());
        await TwilioVoice.PostAsync(app, $"/api/twilio/voice/transcribed?inquiry={id}", TwilioVoice.CallFields(callSid, caller, "completed")
            .With(("TranscriptionText", "My kitchen sink is leaking."), ("TranscriptionStatus", "completed"), ("RecordingSid", recording)));
        var page = await chromium.NewPageAsync(width: 375, height: 740);
        await SignInAsync(page, app, LeadImportTests.DanaKey);

        await page.GetByRole(AriaRole.Button, new() { Name = "Open Caller ending 0146" }).ClickAsync();

        var timeline = page.Locator("#timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("Missed call. Voicemail (12 s): My kitchen sink is leaking.");
        await Assertions.Expect(timeline).ToContainTextAsync("A call from");
        var played = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Play voicemail" }).ClickAsync(), response => response.Url.EndsWith("/recording", StringComparison.Ordinal));
        var audio = page.Locator("#timeline audio");
        await Assertions.Expect(audio).ToHaveCountAsync(1);
        Assert.StartsWith("blob:", await audio.GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.Equal(($"/api/staff/inquiries/{id}/calls/{callSid}/recording", 200), (new Uri(played.Url).AbsolutePath, played.Status));
        Assert.Equal("audio/mpeg", (await played.AllHeadersAsync())["content-type"]); // its bytes: Calls/VoicemailPrivacyTests
        var call = page.GetByRole(AriaRole.Button, new() { Name = "Call", Exact = true });
        Assert.True((await call.BoundingBoxAsync())!.Height >= 44, "Call is a touch target");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));

        await call.ClickAsync();

        await Assertions.Expect(page.Locator("#alert")).ToHaveTextAsync("Calling your mobile now: answer it to be put through to Caller ending 0146.");
        var placed = Assert.Single(host.Twilio.Calls);
        Assert.Equal("+12125550101", placed.To);
        await Assertions.Expect(timeline).ToContainTextAsync("Dana Reyes called them: ringing");
    }

    private static async Task SignInAsync(IPage page, FollowUpApp app, string key)
    {
        await page.GotoAsync(new Uri(app.BaseAddress, "/api/pages/staff/").ToString());
        await page.GetByLabel("Staff key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#work")).ToBeVisibleAsync();
    }

    private static string[] Cells(IEnumerable<string> texts) => [.. texts.Select(t => t.Trim())];
}
