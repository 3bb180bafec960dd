using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using FollowUp.Hosting;
using FollowUp.Storage;
using FollowUp.Tests.Fixtures;
using FollowUp.ResponseWindows;
using PhoneNumbers;

namespace FollowUp.Bench;

/// <summary>The measured scenarios. Each returns its figures; <see cref="Program"/> prints and saves them.</summary>
internal sealed class Scenarios(FakeTwilio twilio, int concurrency, string functionsFolder)
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private int _phone;

    /// <summary>The storage of the current phase: each phase gets a fresh emulator (see <c>BenchMain</c>).</summary>
    public string ConnectionString { get; set; } = "";

    /// <param name="functionsHost">HTTP only, as under the host: no queue listener, no timers.</param>
    /// <param name="sendOnIntake">Intake sends acknowledgments itself (the default); off, they are left to the queue.</param>
    public BenchApp App(string prefix, bool functionsHost, bool sendOnIntake = false)
    {
        var settings = Settings(prefix);
        settings["FollowUp:Delivery:SendOnIntake"] = sendOnIntake ? "true" : "false";
        return new(settings, functionsFolder, httpOnly: functionsHost);
    }

    /// <summary>Settings for an app on this run's Azurite and fake Twilio, with its own table and queue names.</summary>
    public Dictionary<string, string?> Settings(string prefix)
    {
        var settings = twilio.Settings();
        settings["AzureWebJobsStorage"] = ConnectionString;
        settings["FollowUp:Storage:NamePrefix"] = prefix;
        settings["FollowUp:Queues:Notifications"] = prefix + "notifications";
        settings["FollowUp:Business:Name"] = "Bright Side Plumbing";
        settings["FollowUp:Intake:PermitsPerMinute"] = "100000";
        settings["FollowUp:QuietHours:Start"] = "00:00";
        settings["FollowUp:QuietHours:End"] = "00:00";
        // Every bench text goes to a number never texted before; the daily caps on those, and on all texts, would hold most of them.
        settings["FollowUp:Sms:NewNumbersPerDay"] = "1000000";
        settings["FollowUp:Sms:DailyBudget"] = "1000000";
        settings["Logging:Console:LogLevel:Default"] = Environment.GetEnvironmentVariable("BENCH_APP_LOG") ?? "Warning"; // the bench prints its own table
        settings["FollowUp:LocalSink:Path"] = Path.Combine(Path.GetTempPath(), "followup-bench", prefix, "sent.jsonl");
        return settings;
    }

    /// <summary>
    /// The bare loop intake is compared with: the same entity-group transaction (the inquiry and two
    /// timeline rows in a new partition) plus one enqueue, straight through the SDKs.
    /// </summary>
    public async Task<Throughput> BaselineAsync(int count, string prefix)
    {
        var table = new TableServiceClient(ConnectionString).GetTableClient(prefix + "Baseline");
        var queue = new QueueServiceClient(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }).GetQueueClient(prefix.ToLowerInvariant() + "-baseline");
        await table.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();
        var now = DateTimeOffset.UtcNow;
        var (elapsed, latencies) = await Measure.LoopAsync(count, concurrency, async _ =>
        {
            var id = IdGenerator.TimePrefix(now) + "-" + RandomNumberGenerator.GetHexString(8);
            var inquiry = new InquiryEntity
            {
                PartitionKey = id, Name = "Bench Person", Phone = NextPhone(), Source = "web form", ConsentToSms = true, PreferredChannel = "sms",
                CreatedAt = now, RespondBy = now.AddMinutes(15), OwnerId = "dana", OwnerName = "Dana", NextStep = Ladder.Remind, NextDueAt = now.AddMinutes(10),
            };
            await table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, inquiry),
                new(TableTransactionActionType.Add, InquiryRows.NewEvent(id, now, 0, "received", "Inquiry received from web form.", actor: "prospect")),
                new(TableTransactionActionType.Add, InquiryRows.NewEvent(id, now, 1, "assigned", "Assigned to Dana by rotation.")),
            ]);
            await queue.SendMessageAsync(JsonSerializer.Serialize(new { inquiryId = id, messageId = RandomNumberGenerator.GetHexString(12) }));
        });

        // Left behind, its messages would slow every later queue call: the emulator scans all of an
        // account's messages for expired ones on each delete.
        await queue.DeleteAsync();
        await table.DeleteAsync();
        return new Throughput(count, elapsed, latencies);
    }

    /// <summary>New inquiries posted as JSON through real HTTP, each asking to be answered by SMS.</summary>
    public async Task<Throughput> IntakeAsync(BenchApp app, int count)
    {
        var client = app.Client();
        var (elapsed, latencies) = await Measure.LoopAsync(count, concurrency, async _ =>
        {
            using var response = await client.PostAsJsonAsync("/api/inquiries", Inquiry(NextPhone()));
            if ((int)response.StatusCode != 202)
            {
                throw new InvalidOperationException($"Intake answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        });
        return new Throughput(count, elapsed, latencies);
    }

    /// <summary>Waits until the fake provider holds <paramref name="expected"/> texts; the rate is counted from the first text to the last.</summary>
    public async Task<double> DispatchRateAsync(int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (twilio.Messages.Count < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {twilio.Messages.Count} of {expected} texts reached the provider within {timeout}.");
            }

            await Task.Delay(50);
        }

        var times = twilio.Messages.Select(m => m.CreatedAt).Order().ToArray();
        return (times.Length - 1) / (times[^1] - times[0]).TotalSeconds;
    }

    /// <summary>
    /// Submit → SMS accepted by the provider, one inquiry at a time at <paramref name="perSecond"/>:
    /// through the queue in a standalone app, or sent by intake itself with no queue function running.
    /// </summary>
    public async Task<double[]> AcknowledgmentLatencyAsync(BenchApp app, int count, int perSecond)
    {
        var started = new Dictionary<string, DateTimeOffset>();
        var client = app.Client();
        var sends = new List<Task>();
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var phone = NextPhone();
            lock (started)
            {
                started[phone] = DateTimeOffset.UtcNow;
            }

            sends.Add(client.PostAsJsonAsync("/api/inquiries", Inquiry(phone)));
        }

        await Task.WhenAll(sends);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (started.Keys.Except(twilio.Messages.Select(m => m.To)).Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var received = twilio.Messages.Where(m => started.ContainsKey(m.To)).GroupBy(m => m.To).ToDictionary(g => g.Key, g => g.Min(m => m.CreatedAt));
        if (received.Count < count)
        {
            throw new TimeoutException($"Only {received.Count} of {count} acknowledgments reached the provider within a minute.");
        }

        return [.. started.Select(s => (received[s.Key] - s.Value).TotalMilliseconds)];
    }

    /// <summary>
    /// The scan of due reminder steps with <paramref name="open"/> open inquiries, <paramref name="due"/>
    /// of them due now and the rest due over the coming week; and the query it replaces: a filter over
    /// every inquiry row for lapsed windows.
    /// </summary>
    public async Task<ScanFigures> ScanAsync(int open, int due, string prefix, CallProfile calls)
    {
        await using var app = App(prefix, functionsHost: true);
        _ = app.BaseAddress; // starts the app: tables created, staff seeded
        var storage = app.Get<FollowUpStorage>();
        var now = DateTimeOffset.UtcNow;
        var inquiries = Enumerable.Range(0, open).Select(i =>
        {
            var isDue = i < due;
            var nextDue = isDue ? now.AddMinutes(-1) : now.AddHours(1).AddMinutes(i % (7 * 24 * 60));
            return new InquiryEntity
            {
                PartitionKey = IdGenerator.TimePrefix(now.AddSeconds(-i)) + "-" + RandomNumberGenerator.GetHexString(8),
                Name = "Bench Person", Phone = "+12125550100", Source = "web form", CreatedAt = now, RespondBy = nextDue.AddMinutes(5),
                OwnerId = "dana", OwnerName = "Dana", NextStep = Ladder.Remind, NextDueAt = nextDue,
            };
        }).ToList();

        // Seeding: one insert per inquiry partition; index entries 100 to a transaction per minute bucket.
        await Measure.LoopAsync(inquiries.Count, 32, i => storage.Inquiries.AddEntityAsync(inquiries[i]));
        var batches = inquiries.Select(q => DueEntry.For(q.PartitionKey, q.NextStep!, q.NextDueAt!.Value))
            .GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)).ToList();
        await Measure.LoopAsync(batches.Count, 32, i => storage.DueIndex.SubmitTransactionAsync(batches[i].Select(e => new TableTransactionAction(TableTransactionActionType.Add, e))));

        var found = 0;
        var listMs = await Measure.TimeAsync(async () =>
        {
            await foreach (var entry in app.Get<DueIndex>().DueAsync(now, CancellationToken.None))
            {
                found += entry.DueAt <= now ? 1 : 0;
            }
        });
        var lapsed = 0;
        var fullScanMs = await Measure.TimeAsync(async () =>
        {
            await foreach (var _ in storage.Inquiries.QueryAsync<InquiryEntity>(
                InquiryRows.Headers($"Status eq {InquiryStatus.Open} and NextDueAt le {now}"), select: ["PartitionKey", "NextStep", "NextDueAt"]))
            {
                lapsed++;
            }
        });
        var taken = 0;
        calls.Take("seeding", 1);
        var scanMs = await Measure.TimeAsync(async () => taken = await app.Get<LadderScan>().ScanOnceAsync(CancellationToken.None));
        var scanRequests = calls.Take($"the scan at {open:N0}", 1);
        if (found != due || lapsed != due || taken != due)
        {
            throw new InvalidOperationException($"With {open} open: the index listed {found}, the full query found {lapsed}, the scan took {taken}; expected {due}.");
        }

        return new ScanFigures(open, due, scanMs, listMs, fullScanMs, scanRequests);
    }

    /// <summary>
    /// The speed-to-lead report over <see cref="ReportDays"/> settled days holding <paramref name="inquiries"/> inquiries:
    /// the first report works each day out from its inquiries and keeps the rollups; the next reads only those.
    /// </summary>
    public async Task<ReportFigures> ReportAsync(int inquiries, string prefix)
    {
        await using var app = App(prefix, functionsHost: true);
        _ = app.BaseAddress;
        var storage = app.Get<FollowUpStorage>();
        var now = DateTimeOffset.UtcNow;
        var first = now.AddDays(-20 - ReportDays + 1);
        var rows = Enumerable.Range(0, inquiries).Select(i =>
        {
            var created = first.AddDays(i % ReportDays).Date.AddHours(14).AddSeconds(i / ReportDays);
            var at = new DateTimeOffset(created, TimeSpan.Zero);
            return new InquiryEntity
            {
                PartitionKey = IdGenerator.TimePrefix(at) + "-" + RandomNumberGenerator.GetHexString(8), Name = "Bench Person", Email = "bench@example.com",
                Source = i % 3 == 0 ? "referral page" : "web form", CreatedAt = at, RespondBy = at.AddMinutes(15), OwnerId = i % 2 == 0 ? "dana" : "sam",
                OwnerName = i % 2 == 0 ? "Dana" : "Sam", FirstContactedAt = at.AddMinutes(i % 40),
            };
        }).ToList();
        await Measure.LoopAsync(rows.Count, 32, i => storage.Inquiries.AddEntityAsync(rows[i]));

        // Seeded at 14:00 UTC, morning in New York on the same date.
        var from = DateOnly.FromDateTime(first.UtcDateTime.Date);
        var to = from.AddDays(ReportDays - 1);
        var report = app.Get<FollowUp.Reports.SpeedToLead>();
        FollowUp.Reports.SpeedReport? firstReport = null, rolledUp = null;
        var firstMs = await Measure.TimeAsync(async () => firstReport = await report.ReportAsync(from, to, CancellationToken.None));
        var rollupMs = await Measure.TimeAsync(async () => rolledUp = await report.ReportAsync(from, to, CancellationToken.None));
        if (rolledUp!.Total.Inquiries != inquiries || firstReport!.Total.Inquiries != inquiries)
        {
            throw new InvalidOperationException($"The report counted {firstReport!.Total.Inquiries} then {rolledUp.Total.Inquiries} inquiries; {inquiries} were seeded.");
        }

        return new ReportFigures(inquiries, firstMs, firstReport.StorageReads, rollupMs, rolledUp.StorageReads);
    }

    public const int ReportDays = 30;

    private static object Inquiry(string phone) => new { name = "Bench Person", phone, consentToSms = true, preferredChannel = "sms", message = "Please call about a leaking tap." };

    /// <summary>A different valid US mobile-format number each call.</summary>
    private string NextPhone()
    {
        while (true)
        {
            var n = Interlocked.Increment(ref _phone);
            var candidate = $"+1212{200 + (n / 10_000 % 800):D3}{n % 10_000:D4}";
            if (Phones.IsValidNumber(Phones.Parse(candidate, null)))
            {
                return candidate;
            }
        }
    }
}

internal sealed record Throughput(int Count, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    public double P50 => Measure.Percentile(LatenciesMs, 50);

    public double P99 => Measure.Percentile(LatenciesMs, 99);
}

internal sealed record ReportFigures(int Inquiries, double FirstMs, int FirstReads, double RollupMs, int RollupReads);

internal sealed record ScanFigures(int Open, int Due, double ScanMs, double ListMs, double FullScanMs, double ScanRequests);
