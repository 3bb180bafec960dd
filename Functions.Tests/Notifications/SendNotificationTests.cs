using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Notifications;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Notifications;

public sealed class SendNotificationTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Intake leaves sending to the queue, so these tests see the safety net alone.</summary>
    private static readonly Dictionary<string, string?> QueueOnly = new() { ["FollowUp:Delivery:SendOnIntake"] = "false" };

    [Fact]
    public async Task Redelivered_queue_message_sends_only_once()
    {
        await using var app = new FollowUpApp(azurite, QueueOnly);
        var id = await SubmitAsync(app);
        var sent = Assert.Single(await app.Sent.WaitForAsync(id));

        // The same reference delivered twice more, as a redelivery after a lost lease or a sweep would.
        var reference = new NotificationRef(id, sent.MessageId).ToBinaryData();
        await app.Storage.Notifications.SendMessageAsync(reference, cancellationToken: Ct);
        await app.Storage.Notifications.SendMessageAsync(reference, cancellationToken: Ct);
        await WaitForEmptyQueueAsync(app);

        Assert.Single(app.Sent.For(id));
        var row = Assert.Single(await app.OutboxAsync(id));
        Assert.Equal((OutboxState.Sent, 1), (row.State, row.Attempts));
        Assert.Single(await app.TimelineAsync(id), e => e.Type == "acknowledgment-sent");
    }

    [Fact]
    public async Task Message_that_fails_five_times_goes_to_the_poison_queue_and_is_marked_failed()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>(QueueOnly)
        {
            ["FollowUp:LocalSink:Path"] = Path.GetTempPath(),
            ["FollowUp:Delivery:MaxAttempts"] = "5",
        });

        var id = await SubmitAsync(app);

        var poisoned = await Eventually.GetAsync(
            async () => (await app.Storage.NotificationsPoison.PeekMessagesAsync(10, Ct)).Value,
            messages => messages.Length > 0,
            "the message to reach the poison queue");
        Assert.Equal(id, NotificationRef.Parse(Assert.Single(poisoned).Body.ToString())!.InquiryId);
        var row = Assert.Single(await app.OutboxAsync(id));
        Assert.Equal((OutboxState.Failed, 5), (row.State, row.Attempts));
        Assert.Contains(await app.TimelineAsync(id), e => e.Type == "acknowledgment-failed" && e.Detail!.Contains("after 5 tries"));
        Assert.Equal(0, (await app.Storage.Notifications.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Inquiry_accepted_while_the_queue_is_down_is_acknowledged_after_the_sweep()
    {
        await using var app = new FollowUpApp(azurite, QueueOnly);
        await app.Storage.Notifications.DeleteAsync(Ct);

        var response = await app.PostJsonAsync("/api/inquiries", new { name = "Dana", email = "dana@example.com" });

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        Assert.Equal(OutboxState.Queued, Assert.Single(await app.OutboxAsync(id)).State);
        await app.Storage.Notifications.CreateIfNotExistsAsync(cancellationToken: Ct);

        // Within the grace period the sweep leaves the row alone: intake may still be queueing it.
        Assert.Equal(0, await app.Get<OutboxRepair>().RequeueUnqueuedAsync(Ct));
        Assert.Empty(app.Sent.For(id));

        app.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await app.Get<OutboxRepair>().RequeueUnqueuedAsync(Ct));

        Assert.Single(await app.Sent.WaitForAsync(id));
        Assert.Equal(0, await app.Get<OutboxRepair>().RequeueUnqueuedAsync(Ct));
    }

    [Fact]
    public async Task A_message_left_mid_send_with_nothing_queued_is_repaired_hourly_and_sent_once()
    {
        await using var app = new FollowUpApp(azurite, QueueOnly);
        var id = await LeftMidSendAsync(app, TimeSpan.Zero);

        // The minute-by-minute sweep leaves it alone (it is not waiting to be queued) and so, for two
        // hours, does the repair pass.
        Assert.Equal(0, await app.Get<OutboxRepair>().RepairStuckAsync(Ct));
        Assert.Equal(0, await app.Get<OutboxRepair>().RequeueUnqueuedAsync(Ct));
        app.Time.Advance(OutboxRepair.StuckAfter + OutboxRepair.RepairEvery + TimeSpan.FromMinutes(1)); // the app's timer runs the repair too

        await Eventually.GetAsync(() => Task.FromResult(app.Sent.For(id).Where(m => m.Kind == MessageKinds.Acknowledgment).ToList()), m => m.Count > 0, "the repaired acknowledgment");
        Assert.Equal(0, await app.Get<OutboxRepair>().RepairStuckAsync(Ct)); // a sent row is not repaired again
        await app.SettledAsync(id);
        Assert.Single(app.Sent.For(id), m => m.Kind == MessageKinds.Acknowledgment);
        Assert.Equal(OutboxState.Sent, Assert.Single(await app.OutboxAsync(id), r => r.Kind == MessageKinds.Acknowledgment).State);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.Contains($"of inquiry {id} sat unfinished (sending)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_repair_pass_reaches_messages_of_inquiries_older_than_a_week()
    {
        await using var app = new FollowUpApp(azurite, QueueOnly);
        var id = await LeftMidSendAsync(app, TimeSpan.FromDays(30)); // a month on, for an inquiry still kept

        app.Time.Advance(TimeSpan.FromDays(30) + OutboxRepair.StuckAfter + OutboxRepair.RepairEvery + TimeSpan.FromMinutes(1));
        await app.Get<OutboxRepair>().RepairStuckAsync(Ct);

        await Eventually.GetAsync(() => Task.FromResult(app.Sent.For(id).Where(m => m.Kind == MessageKinds.Acknowledgment).ToList()), m => m.Count > 0, "the repaired acknowledgment");
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.Contains($"of inquiry {id} sat unfinished (sending)", StringComparison.Ordinal));
    }

    /// <summary>
    /// A new inquiry whose acknowledgment a worker claimed <paramref name="after"/> its creation and whose queue
    /// message was then lost (moved to the poison queue after repeated errors): the row says "sending" and
    /// nothing will come for it.
    /// </summary>
    private static async Task<string> LeftMidSendAsync(FollowUpApp app, TimeSpan after)
    {
        await app.Storage.Notifications.DeleteAsync(Ct);
        var id = await SubmitAsync(app);
        var row = Assert.Single(await app.OutboxAsync(id));
        (row.State, row.SendingSince, row.Attempts) = (OutboxState.Sending, app.Time.GetUtcNow() + after, 1);
        await app.Storage.Inquiries.UpdateEntityAsync(row, row.ETag, cancellationToken: Ct);
        await app.Storage.Notifications.CreateIfNotExistsAsync(cancellationToken: Ct);
        return id;
    }

    [Fact]
    public async Task Sweep_runs_on_its_timer_schedule_when_time_passes()
    {
        await using var app = new FollowUpApp(azurite);
        var health = await app.Client().GetFromJsonAsync<JsonElement>("/api/health", Ct);
        Assert.Equal(JsonValueKind.Null, health.GetProperty("lastScanAt").ValueKind);

        app.Time.Advance(TimeSpan.FromSeconds(61));

        var after = await Eventually.GetAsync(
            () => app.Client().GetFromJsonAsync<JsonElement>("/api/health", Ct),
            h => h.GetProperty("lastScanAt").ValueKind != JsonValueKind.Null,
            "the ScanDueWindows timer to run");
        // The timer fires for the 14:01:00 occurrence once the clock has passed it.
        Assert.Equal(FollowUpApp.Start.AddSeconds(61), after.GetProperty("lastScanAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Unreadable_queue_message_is_dropped_without_sending()
    {
        await using var app = new FollowUpApp(azurite);
        var function = app.Get<OutboxDelivery>();

        await function.HandleAsync(new QueueInvocation("not json", 1, "m1"), Ct);
        await function.HandleAsync(new QueueInvocation("""{"inquiryId":"20261123140000-NOPE","messageId":"X"}""", 1, "m2"), Ct);

        Assert.Empty(app.Sent.All());
    }

    private static Task<string> SubmitAsync(FollowUpApp app) => app.SubmitAsync(new { name = "Dana", email = "dana@example.com" });

    private static Task WaitForEmptyQueueAsync(FollowUpApp app) =>
        Eventually.GetAsync(
            async () => (await app.Storage.Notifications.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount,
            count => count == 0,
            "the notifications queue to drain");
}
