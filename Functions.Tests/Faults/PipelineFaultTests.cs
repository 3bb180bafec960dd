using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using FollowUp.Tests.Fixtures;
using FollowUp.ResponseWindows;
using Microsoft.AspNetCore.WebUtilities;

namespace FollowUp.Tests.Faults;

/// <summary>
/// A few hundred inquiries through the whole pipeline while it is being broken: Twilio answers 500,
/// 503, 429, too slowly, or drops the connection (before and after taking the message); storage sits
/// behind a proxy that answers 503 and drops connections (before and after storage acted); two app
/// instances work the same queue and scan the same index at once (their queue leases lapse, so
/// messages are redelivered); and one instance is stopped in the middle of dispatch and started again.
/// Every accepted inquiry must be stored and acknowledged exactly once (or recorded failed with a
/// reason), no text may reach the provider twice, and every inquiry gets its reminder.
/// </summary>
[Collection(nameof(PipelineFaultTests))]
public sealed class PipelineFaultTests(AzuriteFixture azurite)
{
    private const int Inquiries = 200;
    private const int Seed = 7;
    private const string Dana = "+12125550101";

    /// <summary>Where the last run's counts are written (the test runner shows test output only for failures).</summary>
    public static readonly string CountsFile = Path.Combine(AppContext.BaseDirectory, "TestResults", "fault-suite.txt");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_accepted_inquiry_is_acknowledged_once_and_reminded_once_through_provider_and_storage_faults_two_workers_and_a_restart()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        twilio.Script(ProviderFaults(new Random(Seed), count: 600, canLoseAnswers: true));
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.Script(ProviderFaults(new Random(Seed + 2), count: 100, canLoseAnswers: false));
        await using var tables = new FaultyProxy(azurite.TablePort, Seed);
        await using var queues = new FaultyProxy(azurite.QueuePort, Seed + 1);
        var settings = twilio.Settings();
        foreach (var (key, value) in sendGrid.Settings())
        {
            settings[key] = value;
        }

        settings["AzureWebJobsStorage"] = FaultyProxy.ConnectionString(tables, queues);
        settings["FollowUp:Delivery:ProviderTimeout"] = "00:00:01";
        settings["FollowUp:Delivery:MaxAttempts"] = "10";
        // Every text here goes to a new number, and 200 reminders to one owner: the caps are tested on their own.
        settings["FollowUp:Sms:NewNumbersPerDay"] = "100000";
        settings["FollowUp:Sms:DailyBudget"] = "100000";
        settings["FollowUp:Sms:StaffTextsPerHour"] = "1000";
        settings["FollowUp:Queues:MessageLease"] = "00:00:10"; // a stopped worker's messages come back soon
        settings["FollowUp:Queues:VisibilityTimeout"] = "00:00:02"; // and so do failed ones
        var prefix = "f" + Guid.NewGuid().ToString("N")[..10];
        var first = new FollowUpApp(azurite, settings, prefix);
        await using var second = new FollowUpApp(azurite, settings, prefix);
        twilio.Clock = sendGrid.Clock = second.Time.GetUtcNow;
        _ = (first.Client(), second.Client()); // both started: two queue workers and two timers on one queue and index

        // Faults from here on.
        (tables.BusyRate, tables.DropBeforeRate, tables.DropAfterRate) = (0.02, 0.01, 0.01);
        (queues.BusyRate, queues.DropBeforeRate, queues.DropAfterRate) = (0.02, 0.01, 0.01);

        var accepted = new List<string>();
        var refused = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Inquiries), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
        {
            var app = i % 2 == 0 ? first : second;
            // Every fourth prospect leaves only an email address.
            object body = i % 4 == 3
                ? new { name = $"Lee Number{i}", email = $"lee{i}@example.com", preferredChannel = "email" }
                : new { name = $"Lee Number{i}", phone = $"+1212555{1000 + i:D4}", consentToSms = true, preferredChannel = "sms" };
            using var response = await app.Client().PostAsJsonAsync("/api/inquiries", body, ct);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var id = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("id").GetString()!;
                lock (accepted)
                {
                    accepted.Add(id);
                }
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null, $"A submission got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                Interlocked.Increment(ref refused);
            }
        });

        // Stop one worker in the middle of dispatch, then start it again on the same storage.
        await Eventually.GetAsync(() => Task.FromResult(twilio.Messages.Count + sendGrid.Emails.Count), n => n >= accepted.Count / 3, "a third of the acknowledgments", TimeSpan.FromSeconds(60));
        await first.DisposeAsync();
        await using var restarted = new FollowUpApp(azurite, settings, prefix);
        _ = restarted.Client();

        // A text cut off mid-send is retried once its sending lease (business time) has passed.
        var direct = new TableServiceClient(azurite.ConnectionString).GetTableClient(prefix + "Inquiries");
        await SettleAsync(direct, MessageKinds.Acknowledgment, accepted.Count, [second, restarted], DateTimeOffset.Parse("2026-11-23T14:09:00Z"), "acknowledgments");

        // Reminders: due at 14:10 for windows promised for 14:15; both instances scan at once.
        foreach (var app in new[] { second, restarted })
        {
            app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T14:10:30Z"));
        }

        await Task.WhenAll(second.Get<LadderScan>().ScanOnceAsync(Ct), restarted.Get<LadderScan>().ScanOnceAsync(Ct));
        await SettleAsync(direct, MessageKinds.OwnerReminder, accepted.Count, [second, restarted], DateTimeOffset.Parse("2026-11-23T14:14:00Z"), "reminders");

        // What happened, per inquiry, read straight from Azurite (not through the faulty proxy).
        var rows = new List<TableEntity>();
        await foreach (var row in direct.QueryAsync<TableEntity>(cancellationToken: Ct))
        {
            rows.Add(row);
        }

        var inquiries = rows.Where(r => r.RowKey.StartsWith(InquiryRows.HeaderPrefix, StringComparison.Ordinal)).Select(r => r.PartitionKey).ToHashSet();
        var outbox = rows.Where(r => r.RowKey.StartsWith(InquiryRows.OutboxPrefix, StringComparison.Ordinal)).ToList();
        var lost = accepted.Count(id => !inquiries.Contains(id));
        var acks = outbox.Where(r => r.GetString(nameof(OutboxEntity.Kind)) == MessageKinds.Acknowledgment).ToList();
        var reminders = outbox.Where(r => r.GetString(nameof(OutboxEntity.Kind)) == MessageKinds.OwnerReminder).ToList();
        var failed = acks.Concat(reminders).Where(r => r.GetString(nameof(OutboxEntity.State)) == OutboxState.Failed).ToList();
        var texted = twilio.Messages.Select(m => QueryHelpers.ParseQuery(new Uri(m.StatusCallback).Query)).Select(q => (Inquiry: q["inquiry"].ToString(), Message: q["message"].ToString())).ToList();
        var emailed = sendGrid.Emails.Select(e => (Inquiry: e.CustomArgs[SendGridOptions.InquiryIdArg], Message: e.CustomArgs[SendGridOptions.MessageIdArg])).ToList();
        var duplicates = texted.Concat(emailed).GroupBy(m => m).Count(g => g.Count() > 1);
        var remindEvents = rows.Where(r => r.GetString(nameof(TimelineEventEntity.Type)) == "ladder-" + Ladder.Remind).GroupBy(r => r.PartitionKey).ToDictionary(g => g.Key, g => g.Count());
        var counts =
            $"accepted {accepted.Count}, refused {refused}; acknowledgments sent {acks.Count(r => r.GetString("State") == OutboxState.Sent)}, " +
            $"reminders sent {reminders.Count(r => r.GetString("State") == OutboxState.Sent)}, deferred {outbox.Count(r => r.GetString("State") == OutboxState.Deferred)}, " +
            $"failed {failed.Count}; Twilio requests {twilio.SendRequests}, texts held {twilio.Messages.Count}; SendGrid requests {sendGrid.SendRequests}, emails held {sendGrid.Emails.Count}; " +
            $"duplicates = {duplicates}, lost = {lost}. " +
            $"Tables: {tables.Counts}. Queues: {queues.Counts}.";
        TestContext.Current.TestOutputHelper?.WriteLine(counts);
        Directory.CreateDirectory(Path.GetDirectoryName(CountsFile)!);
        await File.WriteAllTextAsync(CountsFile, $"{DateTimeOffset.UtcNow:u} {counts}{Environment.NewLine}", Ct);

        Assert.True(accepted.Count >= Inquiries * 9 / 10, counts);
        Assert.True(tables.Faults > 0 && queues.Faults > 0 && twilio.SendRequests > twilio.Messages.Count && sendGrid.SendRequests > sendGrid.Emails.Count, "No faults were injected: " + counts);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicates);
        Assert.All(accepted, id => Assert.Single(acks, r => r.PartitionKey == id));
        Assert.All(accepted, id => Assert.Single(reminders, r => r.PartitionKey == id));
        Assert.All(accepted, id => Assert.Equal(1, remindEvents.GetValueOrDefault(id)));
        Assert.All(failed, r => Assert.False(string.IsNullOrWhiteSpace(r.GetString(nameof(OutboxEntity.Error))), $"{r.PartitionKey} failed without a reason"));
        var delivered = acks.Concat(reminders).Where(r => r.GetString("State") == OutboxState.Sent).ToList();
        Assert.All(delivered, r => Assert.Single(r.GetString(nameof(OutboxEntity.Channel)) == Channels.Sms ? texted : emailed, t => t == (r.PartitionKey, r.GetString(nameof(OutboxEntity.MessageId)))));
        Assert.Equal(accepted.Count, twilio.Messages.Count(m => m.To != Dana) + sendGrid.Emails.Count + acks.Count(r => r.GetString("State") == OutboxState.Failed));
    }

    [Theory]
    [InlineData("busy", "503")]
    [InlineData("unreachable", "3 tries failed")]
    public async Task Storage_that_stays_down_gets_submissions_a_503_problem_with_Retry_After_and_keeps_nothing_half_done(string how, string logged)
    {
        await using var tables = new FaultyProxy(azurite.TablePort, Seed);
        await using var queues = new FaultyProxy(azurite.QueuePort, Seed + 1);
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = FaultyProxy.ConnectionString(tables, queues) });
        _ = app.Client(); // started while storage answers
        var body = new { name = "Lee Park", phone = "+12125550188", email = "lee.park@example.com", consentToSms = true };

        if (how == "busy")
        {
            tables.BusyRate = queues.BusyRate = 1;
        }
        else
        {
            tables.DropBeforeRate = queues.DropBeforeRate = 1;
        }

        using var refused = await app.Client().PostAsJsonAsync("/api/inquiries", body, Ct);
        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("send the same request again", problem.GetProperty("detail").GetString());
        var inquiries = new TableServiceClient(azurite.ConnectionString).GetTableClient(app.Prefix + "Inquiries");
        Assert.Empty(await inquiries.QueryAsync<TableEntity>(maxPerPage: 1, cancellationToken: Ct).ToListAsync(Ct));
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.StartsWith($"Storage unavailable while serving /api/inquiries ({logged}", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => $"{r.Message} {r.Exception}".Contains("5550188", StringComparison.Ordinal) || $"{r.Message} {r.Exception}".Contains("lee.park", StringComparison.Ordinal));

        // Storage is back: the same post is accepted, and its acknowledgment sent, once.
        tables.BusyRate = queues.BusyRate = tables.DropBeforeRate = queues.DropBeforeRate = 0;
        var id = await app.SubmitAsync(body);
        var sent = await Eventually.GetAsync(() => Task.FromResult(app.Sent.For(id)), m => m.Count > 0, "the acknowledgment", TimeSpan.FromSeconds(30));
        Assert.Single(sent, m => m.Kind == MessageKinds.Acknowledgment);
        Assert.Single(await inquiries.QueryAsync<TableEntity>(InquiryRows.Headers(), cancellationToken: Ct).ToListAsync(Ct));
    }

    /// <summary>
    /// Waits until every accepted inquiry has a message of this kind in a final state. When nothing moves
    /// for a while, business time moves on (never past <paramref name="notAfter"/>), so that texts cut off
    /// mid-send pass their sending lease and are tried again.
    /// </summary>
    private static async Task SettleAsync(TableClient direct, string kind, int expected, FollowUpApp[] apps, DateTimeOffset notAfter, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(150);
        var (lastFinal, still) = (-1, 0);
        while (true)
        {
            var final = 0;
            var open = new List<OutboxEntity>();
            await foreach (var row in direct.QueryAsync<OutboxEntity>(r => r.Kind == kind, cancellationToken: Ct))
            {
                if (OutboxState.IsFinal(row.State))
                {
                    final++;
                }
                else
                {
                    open.Add(row);
                }
            }

            if (final >= expected && open.Count == 0)
            {
                return;
            }

            Assert.True(
                DateTime.UtcNow < deadline,
                $"Timed out settling {what}: {final} final, {open.Count} not, of {expected}; at {apps[0].Time.GetUtcNow():u} the others are " +
                string.Join("; ", open.Select(r => $"{r.PartitionKey}/{r.MessageId} {r.State} after {r.Attempts} tries, sending since {r.SendingSince:u}, not before {r.NotBefore:u}, ambiguous {r.Ambiguous}, error {r.Error}" +
                    string.Concat(apps.SelectMany(a => a.Logs.GetSnapshot()).Where(l => l.Message.Contains(r.MessageId, StringComparison.Ordinal))
                        .Select(l => $"\n    {l.Timestamp:HH:mm:ss.fff} {l.Level} {l.Message} {l.Exception?.GetType().Name} {l.Exception?.Message}")))));
            (still, lastFinal) = final == lastFinal ? (still + 1, final) : (0, final);
            if (still >= 10)
            {
                foreach (var app in apps.Where(a => a.Time.GetUtcNow() + OutboxQueue.SendingLease <= notAfter))
                {
                    app.Time.Advance(OutboxQueue.SendingLease + TimeSpan.FromSeconds(5));
                }

                still = 0;
            }

            // A poll against a deadline, not a wait that proves something did not happen: what the test
            // counts is read from rows once every one is final, so timing decides only when business time
            // moves on for a row stranded mid-send (its recheck is re-queued, so the queue never empties).
            await Task.Delay(500, Ct);
        }
    }

    /// <summary>
    /// A provider's answers to the first sends: about a third fail in one way or another. Answers lost
    /// after the provider took the message are scripted only for Twilio: the app looks such texts up
    /// before sending again, but SendGrid has no lookup, so a lost email answer means a second email.
    /// </summary>
    private static FakeReply[] ProviderFaults(Random random, int count, bool canLoseAnswers) =>
        [.. Enumerable.Range(0, count).Select(_ => random.Next(100) switch
        {
            < 8 => FakeReply.Error(500, 20500, "Internal Server Error"),
            < 14 => FakeReply.Error(503, 20503, "Service Unavailable"),
            < 20 => FakeReply.TooManyRequests(1),
            < 24 when canLoseAnswers => FakeReply.AcceptSlowly(TimeSpan.FromSeconds(2)), // past the 1 s timeout: Twilio has it, the app cannot tell
            < 27 when canLoseAnswers => FakeReply.Drop(afterAccepting: true),
            < 30 => FakeReply.Drop(afterAccepting: false),
            _ => FakeReply.Accept,
        })];
}

/// <summary>
/// The fault suite runs on its own, after the other tests: it loads both cores for about a minute,
/// which would slow the browser tests past their timeouts, and its counts are steadier alone.
/// </summary>
[CollectionDefinition(nameof(PipelineFaultTests), DisableParallelization = true)]
public sealed class PipelineFaultCollection;
