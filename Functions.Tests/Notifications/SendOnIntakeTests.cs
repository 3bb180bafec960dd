using FollowUp.Notifications;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Notifications;

/// <summary>
/// Intake sends the acknowledgment itself right after storing it, so it never waits for a queue
/// function to start; the queue message stays the safety net and finds the row done.
/// </summary>
public sealed class SendOnIntakeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FakeTwilio _twilio = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _twilio = await FakeTwilio.StartAsync();

    public ValueTask DisposeAsync() => _twilio.DisposeAsync();

    [Fact]
    public async Task With_no_queue_listener_the_acknowledgment_is_sent_before_the_answer_and_once()
    {
        await using var app = new FollowUpApp(azurite, _twilio.Settings()) { AsUnderFunctionsHost = true };

        var id = await app.SubmitAsync(new { name = "Lee Park", phone = "+12125550100", consentToSms = true });

        // Sent before the 202 came back, with nothing running the queue.
        Assert.Equal("+12125550100", Assert.Single(_twilio.Messages).To);
        var row = Assert.Single(await app.OutboxAsync(id));
        Assert.Equal((OutboxState.Sent, 1), (row.State, row.Attempts));

        // Its queue message (the safety net) arrives later and finds the row done.
        await app.Get<OutboxDelivery>().HandleAsync(new QueueInvocation(new NotificationRef(id, row.MessageId).ToBinaryData().ToString(), 1, "late"), Ct);
        Assert.Single(_twilio.Messages);
        Assert.Single(await app.TimelineAsync(id), e => e.Type == "acknowledgment-sent");
    }

    [Fact]
    public async Task A_slow_provider_does_not_hold_up_the_answer_and_the_text_still_goes_once()
    {
        await using var app = new FollowUpApp(azurite, _twilio.Settings()) { AsUnderFunctionsHost = true };
        app.Client();
        _twilio.Script(FakeReply.AcceptSlowly(TimeSpan.FromSeconds(12)));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var id = await app.SubmitAsync(new { name = "Lee Park", phone = "+12125550100", consentToSms = true });

        // Answered after the intake's wait (5 s), not the provider's 12 s.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var row = await Eventually.GetAsync(async () => Assert.Single(await app.OutboxAsync(id)), r => r.State == OutboxState.Sent, "the slow send to finish", TimeSpan.FromSeconds(30));
        Assert.Single(_twilio.Messages);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task Intake_and_the_queue_function_racing_for_the_same_rows_send_each_once()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>(_twilio.Settings()) { ["FollowUp:Delivery:SendOnIntake"] = "false" })
        {
            AsUnderFunctionsHost = true,
        };
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await app.SubmitAsync(new { name = $"Prospect {i}", phone = $"+1212555{i:0000}", consentToSms = true }));
        }

        var rows = new List<OutboxEntity>();
        foreach (var id in ids)
        {
            rows.Add(Assert.Single(await app.OutboxAsync(id)));
        }

        // Each row sent by intake's path and by a queue delivery at the same moment.
        _twilio.Script([.. Enumerable.Repeat(FakeReply.AcceptSlowly(TimeSpan.FromMilliseconds(100)), 40)]);
        var send = app.Get<OutboxDelivery>();
        await Task.WhenAll(rows.SelectMany(row => new[]
        {
            send.SendNowAsync([row]),
            send.HandleAsync(new QueueInvocation(new NotificationRef(row.PartitionKey, row.MessageId).ToBinaryData().ToString(), 1, "queue"), Ct),
        }));

        Assert.Equal(20, _twilio.Messages.Count);
        Assert.Equal(20, _twilio.Messages.Select(m => m.To).Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Equal(OutboxState.Sent, Assert.Single(await app.OutboxAsync(id)).State);
        }
    }
}
