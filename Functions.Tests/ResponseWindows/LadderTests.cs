using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Tests.Fixtures;
using FollowUp.ResponseWindows;

namespace FollowUp.Tests.ResponseWindows;

/// <summary>
/// Whole reminder ladders walked on the fake clock, with the Development demo staff: Dana (on duty,
/// mobile +12125550101) owns new inquiries; her manager is Sam (+12125550102).
/// An inquiry at 09:00 Monday in New York is promised for 09:15.
/// </summary>
public sealed class LadderTests(AzuriteFixture azurite)
{
    private const string Dana = "+12125550101";
    private const string Sam = "+12125550102";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ladder_reminds_the_owner_tells_them_of_the_lapse_escalates_then_tells_the_prospect()
    {
        await using var app = new FollowUpApp(azurite);
        var id = await app.SubmitAsync(new { name = "Lee Park", phone = "+12125550100", email = "lee@example.com" });

        Assert.Equal(0, await ScanAtAsync(app, "2026-11-23T14:09:00Z"));
        await ScanAtAsync(app, "2026-11-23T14:10:00Z");
        var reminder = await WaitForAsync(app, id, MessageKinds.OwnerReminder);
        await ScanAtAsync(app, "2026-11-23T14:15:00Z");
        var lapse = await WaitForAsync(app, id, MessageKinds.OwnerLapsed);
        await ScanAtAsync(app, "2026-11-23T14:30:00Z");
        var escalation = await WaitForAsync(app, id, MessageKinds.Escalation);
        await ScanAtAsync(app, "2026-11-23T14:45:00Z");
        var noNews = await WaitForAsync(app, id, MessageKinds.NoNews);

        Assert.Equal((Dana, "FollowUp " + IdGenerator.ShortCode(id) + ": please contact Lee Park (+12125550100) by 9:15 AM today. Reply CLAIM, DONE or PASS."), (reminder.To, reminder.Text));
        Assert.Equal(Dana, lapse.To);
        Assert.Contains("was promised a reply by 9:15 AM today", lapse.Text);
        Assert.Equal(Sam, escalation.To);
        Assert.Contains("Dana Reyes has not reached Lee Park", escalation.Text);
        Assert.Equal(("email", "lee@example.com"), (noNews.Channel, noNews.To));
        Assert.Contains("Dana hasn't reached you yet. We'll be in touch by 10:00 AM today.", noNews.Text);

        var inquiry = (await app.InquiryAsync(id))!;
        Assert.Equal((DateTimeOffset.Parse("2026-11-23T15:00:00Z"), 1, Ladder.Remind), (inquiry.RespondBy, inquiry.Cycle, inquiry.NextStep));
        var steps = (await app.TimelineAsync(id)).Where(e => e.Type.StartsWith("ladder-")).Select(e => e.Type);
        Assert.Equal(["ladder-remind", "ladder-lapse", "ladder-escalate", "ladder-no-news"], steps);
    }

    [Fact]
    public async Task Ladder_waits_out_the_weekend_and_the_daylight_saving_change()
    {
        await using var app = new FollowUpApp(azurite);
        app.Time.SetUtcNow(DateTimeOffset.Parse("2027-03-12T22:55:00Z")); // Fri 17:55 EST; clocks change on Sunday 14 March
        var id = await app.SubmitAsync(new { name = "Lee", email = "lee@example.com" });
        Assert.Equal(DateTimeOffset.Parse("2027-03-15T12:10:00Z"), (await app.InquiryAsync(id))!.RespondBy); // Mon 08:10 EDT

        Assert.Equal(0, await ScanAtAsync(app, "2027-03-13T15:00:00Z")); // Saturday: nothing due
        Assert.Equal(0, await ScanAtAsync(app, "2027-03-15T12:04:00Z")); // Monday 08:04 EDT: not yet
        await ScanAtAsync(app, "2027-03-15T12:05:00Z");

        var reminder = await WaitForAsync(app, id, MessageKinds.OwnerReminder);
        Assert.Contains("by 8:10 AM today", reminder.Text);
    }

    [Fact]
    public async Task Prospect_hears_no_news_at_most_once_per_period_however_often_the_promise_slips()
    {
        await using var app = new FollowUpApp(azurite);
        var id = await app.SubmitAsync(new { name = "Lee", email = "lee@example.com" });

        // Nobody acts all day: the ladder goes round every renewed promise.
        for (var at = DateTimeOffset.Parse("2026-11-23T14:10:00Z"); at <= DateTimeOffset.Parse("2026-11-23T22:00:00Z"); at = at.AddMinutes(5))
        {
            await ScanAtAsync(app, at.ToString("o"));
        }

        await WaitForAsync(app, id, MessageKinds.NoNews);
        var inquiry = (await app.InquiryAsync(id))!;
        Assert.True(inquiry.Cycle > 3, $"the promise was renewed {inquiry.Cycle} times");
        Assert.Single(await app.OutboxAsync(id), r => r.Kind == MessageKinds.NoNews);
        Assert.Contains(await app.TimelineAsync(id), e => e.Type == "ladder-no-news" && e.Detail!.Contains("so not again yet"));
    }

    [Fact]
    public async Task Escalation_can_reassign_the_inquiry()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Ladder:ReassignOnEscalation"] = "true" });
        var id = await app.SubmitAsync(new { name = "Lee", email = "lee@example.com" });

        await ScanAtAsync(app, "2026-11-23T14:30:00Z");

        await WaitForAsync(app, id, MessageKinds.Escalation);
        Assert.Equal("sam", (await app.InquiryAsync(id))!.OwnerId);
        Assert.Contains(await app.TimelineAsync(id), e => e.Detail == "Escalated and reassigned to Sam Ortiz.");
    }

    [Fact]
    public async Task Staff_texts_follow_the_persons_own_working_hours()
    {
        // Dana works Mondays from noon: her 09:10 reminder waits until then.
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Staff:0:Hours:Monday"] = "12:00-20:00" });
        var id = await app.SubmitAsync(new { name = "Lee", email = "lee@example.com" });

        await ScanAtAsync(app, "2026-11-23T14:10:00Z");

        var held = await Eventually.GetAsync(
            async () => (await app.OutboxAsync(id)).SingleOrDefault(r => r.Kind == MessageKinds.OwnerReminder),
            row => row?.State == OutboxState.Deferred,
            "the reminder to be held");
        Assert.Equal((Dana, DateTimeOffset.Parse("2026-11-23T17:00:00Z")), (held!.Recipient, held.NotBefore));
    }

    [Fact]
    public async Task Two_scanners_at_once_take_each_step_once()
    {
        await using var app = new FollowUpApp(azurite);
        var id = await app.SubmitAsync(new { name = "Lee", email = "lee@example.com" });
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T14:10:00Z"));

        var scanner = app.Get<LadderScan>();
        await Task.WhenAll(scanner.ScanOnceAsync(Ct), scanner.ScanOnceAsync(Ct), scanner.ScanOnceAsync(Ct));

        await WaitForAsync(app, id, MessageKinds.OwnerReminder);
        await TwilioLikeDrainAsync(app, id);
        Assert.Single(app.Sent.For(id), m => m.Kind == MessageKinds.OwnerReminder);
        Assert.Single(await app.TimelineAsync(id), e => e.Type == "ladder-remind");
    }

    [Fact]
    public async Task After_downtime_only_the_step_due_now_is_taken()
    {
        await using var app = new FollowUpApp(azurite);
        var id = await app.SubmitAsync(new { name = "Lee", email = "lee@example.com" });

        await ScanAtAsync(app, "2026-11-23T16:00:00Z"); // every step overdue; the background timer may take it first

        await WaitForAsync(app, id, MessageKinds.NoNews);
        await TwilioLikeDrainAsync(app, id);
        Assert.DoesNotContain(app.Sent.For(id), m => m.Kind is MessageKinds.OwnerReminder or MessageKinds.OwnerLapsed or MessageKinds.Escalation);
        Assert.Equal(["ladder-no-news"], (await app.TimelineAsync(id)).Where(e => e.Type.StartsWith("ladder-")).Select(e => e.Type));
    }

    [Fact]
    public async Task An_entry_of_an_earlier_promise_is_not_taken_for_the_same_step_of_the_next()
    {
        // Two scanners list the index at once; one takes the step and starts the next promise (whose
        // reminder has the same step name); the other still holds the old entry.
        await using var app = new FollowUpApp(azurite);
        var id = await app.SubmitAsync(new { name = "Lee", email = "lee@example.com" });
        var first = (await app.InquiryAsync(id))!;
        var stale = DueEntry.For(id, first.NextStep!, first.NextDueAt!.Value);
        await ScanAtAsync(app, "2026-11-23T16:00:00Z"); // no-news: a new promise for 16:15, its reminder due 16:10
        await WaitForAsync(app, id, MessageKinds.NoNews);

        await app.Get<DueIndex>().ScheduleAsync(stale, Ct);
        await app.Get<LadderScan>().ScanOnceAsync(Ct);

        await TwilioLikeDrainAsync(app, id);
        Assert.Equal(Ladder.Remind, stale.Step);
        Assert.DoesNotContain(app.Sent.For(id), m => m.Kind == MessageKinds.OwnerReminder);
        Assert.Equal(["ladder-no-news"], (await app.TimelineAsync(id)).Where(e => e.Type.StartsWith("ladder-")).Select(e => e.Type));
        Assert.False((await app.Storage.DueIndex.GetEntityIfExistsAsync<DueEntry>(stale.PartitionKey, stale.RowKey, cancellationToken: Ct)).HasValue);
        Assert.Equal((Ladder.Remind, DateTimeOffset.Parse("2026-11-23T16:10:00Z")), ((await app.InquiryAsync(id))!.NextStep, (await app.InquiryAsync(id))!.NextDueAt));
    }

    [Fact]
    public async Task Escalation_due_after_closing_time_waits_for_the_managers_morning()
    {
        await using var app = new FollowUpApp(azurite);
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T22:40:00Z")); // Mon 17:40: promised for 17:55
        var id = await app.SubmitAsync(new { name = "Lee", email = "lee@example.com" });

        await ScanAtAsync(app, "2026-11-23T23:10:00Z"); // 18:10, after closing: the escalation is due

        var held = await Eventually.GetAsync(
            async () => (await app.OutboxAsync(id)).SingleOrDefault(r => r.Kind == MessageKinds.Escalation),
            row => row?.State == OutboxState.Deferred,
            "the escalation to be held");
        Assert.Equal((Sam, DateTimeOffset.Parse("2026-11-24T13:00:00Z")), (held!.Recipient, held.NotBefore));
        Assert.DoesNotContain(app.Sent.For(id), m => m.Kind == MessageKinds.Escalation);
    }

    [Fact]
    public async Task Scan_leaves_future_steps_alone_and_drops_entries_whose_inquiry_was_never_stored()
    {
        await using var app = new FollowUpApp(azurite);
        app.Client();
        var index = app.Get<DueIndex>();
        var orphan = DueEntry.For("20261123135900-NOTSTORED", Ladder.Remind, DateTimeOffset.Parse("2026-11-23T13:59:00Z"));
        var future = DueEntry.For("20261123140000-LATER000", Ladder.Remind, DateTimeOffset.Parse("2026-11-23T18:00:00Z"));
        await index.ScheduleAsync(orphan, Ct);
        await index.ScheduleAsync(future, Ct);

        await app.Get<LadderScan>().ScanOnceAsync(Ct);

        Assert.False((await app.Storage.DueIndex.GetEntityIfExistsAsync<DueEntry>(orphan.PartitionKey, orphan.RowKey, cancellationToken: Ct)).HasValue);
        Assert.True((await app.Storage.DueIndex.GetEntityIfExistsAsync<DueEntry>(future.PartitionKey, future.RowKey, cancellationToken: Ct)).HasValue);
    }

    [Fact]
    public async Task One_broken_inquiry_does_not_hold_up_the_others()
    {
        await using var app = new FollowUpApp(azurite);
        var healthy = await app.SubmitAsync(new { name = "Lee", email = "lee@example.com" });
        // A stored inquiry whose step cannot be taken (its time zone is not one this machine knows).
        var broken = new InquiryEntity
        {
            PartitionKey = "20261123140000-BROKEN00", Name = "Broken", Email = "b@example.com", Source = "web form",
            TimeZone = "Mars/Olympus", CreatedAt = FollowUpApp.Start, RespondBy = FollowUpApp.Start.AddHours(-1), NextStep = Ladder.NoNews,
            NextDueAt = FollowUpApp.Start.AddMinutes(-30),
        };
        await app.Storage.Inquiries.AddEntityAsync(broken, Ct);
        var entry = DueEntry.For(broken.PartitionKey, Ladder.NoNews, FollowUpApp.Start.AddMinutes(-30));
        await app.Get<DueIndex>().ScheduleAsync(entry, Ct);

        await ScanAtAsync(app, "2026-11-23T14:10:00Z");

        await WaitForAsync(app, healthy, MessageKinds.OwnerReminder);
        Assert.True((await app.Storage.DueIndex.GetEntityIfExistsAsync<DueEntry>(entry.PartitionKey, entry.RowKey, cancellationToken: Ct)).HasValue);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.Contains("Ladder step no-news for inquiry 20261123140000-BROKEN00 failed"));
    }

    [Fact]
    public async Task An_attempt_keeps_the_promise_but_the_owner_is_reminded_until_the_prospect_is_reached()
    {
        await using var app = new FollowUpApp(azurite);
        var id = await app.SubmitAsync(new { name = "Lee Park", phone = "+12125550100", email = "lee@example.com" });
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T14:05:00Z"));
        Assert.Equal(HttpStatusCode.OK, (await StaffAsync(app, $"/api/staff/inquiries/{id}/attempts", new { channel = "phone", outcome = "voicemail" })).StatusCode);

        // The promise is kept: no lapse, escalation or "no news" at their times.
        foreach (var at in new[] { "2026-11-23T14:15:00Z", "2026-11-23T14:30:00Z", "2026-11-23T14:45:00Z" })
        {
            await ScanAtAsync(app, at);
        }

        // Four business hours after the voicemail, Dana is told to try again; and again four hours later.
        await ScanAtAsync(app, "2026-11-23T18:04:00Z");
        Assert.Equal((Ladder.FollowUp, 0), ((await app.InquiryAsync(id))!.NextStep, (await app.InquiryAsync(id))!.FollowUps));
        await ScanAtAsync(app, "2026-11-23T18:05:00Z"); // the app's own timer may take it first
        var followUp = await WaitForAsync(app, id, MessageKinds.OwnerFollowUp);
        await ScanAtAsync(app, "2026-11-24T14:05:00Z"); // the app's own timer may take it first
        await Eventually.GetAsync(() => Task.FromResult(app.Sent.For(id).Count(m => m.Kind == MessageKinds.OwnerFollowUp)), n => n == 2, "a second follow-up");

        // Reached: the reminders stop.
        Assert.Equal(HttpStatusCode.OK, (await StaffAsync(app, $"/api/staff/inquiries/{id}/attempts", new { channel = "phone", outcome = "reached" })).StatusCode);
        Assert.Equal(0, await ScanAtAsync(app, "2026-11-25T14:05:00Z"));
        Assert.Equal(0, await ScanAtAsync(app, "2026-11-30T14:05:00Z"));

        Assert.Equal(Dana, followUp.To);
        Assert.Equal($"FollowUp {IdGenerator.ShortCode(id)}: Lee Park (+12125550100) has not been reached yet. Please try again; reply DONE {IdGenerator.ShortCode(id)} once you reach them.", followUp.Text);
        Assert.DoesNotContain(app.Sent.For(id), m => m.Kind is MessageKinds.OwnerLapsed or MessageKinds.Escalation or MessageKinds.NoNews);
        var inquiry = (await app.InquiryAsync(id))!;
        Assert.Equal((DateTimeOffset.Parse("2026-11-23T14:05:00Z"), DateTimeOffset.Parse("2026-11-24T14:05:00Z"), null), (inquiry.KeptAt, inquiry.ReachedAt, inquiry.NextStep));
        Assert.Equal(2, app.Sent.For(id).Count(m => m.Kind == MessageKinds.OwnerFollowUp));
    }

    [Fact]
    public async Task Reopening_starts_a_new_ladder_and_reaching_the_prospect_again_stops_it()
    {
        await using var app = new FollowUpApp(azurite);
        var id = await app.SubmitAsync(new { name = "Lee Park", phone = "+12125550100", email = "lee@example.com" });
        await ScanAtAsync(app, "2026-11-23T14:10:00Z");
        await WaitForAsync(app, id, MessageKinds.OwnerReminder);
        await StaffAsync(app, $"/api/staff/inquiries/{id}/attempts", new { channel = "phone", outcome = "reached" });
        await StaffAsync(app, $"/api/staff/inquiries/{id}/close", new { outcome = "won" });

        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-24T14:00:00Z")); // Tuesday 09:00: the customer calls back
        Assert.Equal(HttpStatusCode.OK, (await StaffAsync(app, $"/api/staff/inquiries/{id}/reopen", new { })).StatusCode);
        await ScanAtAsync(app, "2026-11-24T14:10:00Z"); // the app's own timer may take it first
        await Eventually.GetAsync(() => Task.FromResult(app.Sent.For(id).Count(m => m.Kind == MessageKinds.OwnerReminder)), n => n == 2, "the new promise's reminder");
        await ScanAtAsync(app, "2026-11-24T14:15:00Z"); // the app's own timer may take it first
        await WaitForAsync(app, id, MessageKinds.OwnerLapsed);

        Assert.Equal(HttpStatusCode.OK, (await StaffAsync(app, $"/api/staff/inquiries/{id}/attempts", new { channel = "phone", outcome = "reached" })).StatusCode);
        Assert.Equal(0, await ScanAtAsync(app, "2026-11-24T14:30:00Z"));
        Assert.Equal(0, await ScanAtAsync(app, "2026-11-24T18:30:00Z"));

        var inquiry = (await app.InquiryAsync(id))!;
        Assert.Equal((1, null, DateTimeOffset.Parse("2026-11-24T14:15:00Z")), (inquiry.Cycle, inquiry.NextStep, inquiry.ReachedAt));
        Assert.DoesNotContain(app.Sent.For(id), m => m.Kind is MessageKinds.Escalation or MessageKinds.NoNews or MessageKinds.OwnerFollowUp);
        Assert.Empty(await app.Storage.DueIndex.QueryAsync<DueEntry>(e => e.InquiryId == id, cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_step_whose_inquiry_changed_under_it_is_taken_not_dropped()
    {
        await using var app = new FollowUpApp(azurite);
        var id = await app.SubmitAsync(new { name = "Lee Park", phone = "+12125550100", email = "lee@example.com" });
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T14:10:00Z"));
        // The reminder's outbox row already exists from an earlier life of this id (as reopening used to leave it):
        // storing the step conflicts though nobody took it.
        var stale = InquiryRows.NewOutbox(id, "remind-0", MessageKinds.OwnerReminder, Channels.Sms, Dana, null, "old", app.Time.GetUtcNow());
        stale.State = OutboxState.Sent;
        await app.Storage.Inquiries.AddEntityAsync(stale, Ct);

        await app.Get<LadderScan>().ScanOnceAsync(Ct);

        // The entry is not dropped: the step is still due and stays in the index for the next scan.
        var inquiry = (await app.InquiryAsync(id))!;
        Assert.Equal(Ladder.Remind, inquiry.NextStep);
        Assert.Single(await app.Storage.DueIndex.QueryAsync<DueEntry>(e => e.InquiryId == id && e.Step == Ladder.Remind, cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task The_team_load_counts_a_promise_that_lapsed_today_though_no_news_renewed_it()
    {
        await using var app = new FollowUpApp(azurite);
        var id = await app.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" });
        foreach (var at in new[] { "2026-11-23T14:10:00Z", "2026-11-23T14:15:00Z", "2026-11-23T14:30:00Z", "2026-11-23T14:45:00Z" })
        {
            await ScanAtAsync(app, at);
        }

        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T14:50:00Z")); // the renewed promise (10:00) is not due yet
        var load = await (await StaffAsync(app, "/api/staff/load", null, HttpMethod.Get)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(DateTimeOffset.Parse("2026-11-23T15:00:00Z"), (await app.InquiryAsync(id))!.RespondBy);
        var dana = load.EnumerateArray().Single(o => o.GetProperty("id").GetString() == "dana");
        Assert.Equal(1, dana.GetProperty("lapsedToday").GetInt32());
    }

    /// <summary>A staff API call as Sam, the demo manager (who may act on Dana's inquiries).</summary>
    private static Task<HttpResponseMessage> StaffAsync(FollowUpApp app, string path, object? body, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "local-dev-only-sam-key-00000");
        return app.Client().SendAsync(request, Ct);
    }

    private static async Task<int> ScanAtAsync(FollowUpApp app, string at)
    {
        app.Time.SetUtcNow(DateTimeOffset.Parse(at));
        return await app.Get<LadderScan>().ScanOnceAsync(Ct);
    }

    private static async Task<SentMessage> WaitForAsync(FollowUpApp app, string id, string kind) =>
        (await Eventually.GetAsync(
            () => Task.FromResult(app.Sent.For(id).Where(m => m.Kind == kind).ToList()),
            sent => sent.Count > 0,
            $"a {kind} message"))[0];

    /// <summary>Waits until no message of the inquiry is still queued, so a duplicate would have shown by now.</summary>
    private static Task TwilioLikeDrainAsync(FollowUpApp app, string id) =>
        Eventually.GetAsync(() => app.OutboxAsync(id), rows => rows.All(r => r.State != OutboxState.Queued && r.State != OutboxState.Sending), "the outbox to settle");
}
