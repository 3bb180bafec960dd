using FollowUp.Hosting.Standalone;
using System.Globalization;
using System.Text.Json;
using FollowUp.Hosting;
using FollowUp.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace FollowUp.Bench;

/// <summary>
/// FollowUp's benchmarks against Azurite on this machine, each figure beside a baseline or target
/// measured in the same run: <c>dotnet run -c Release --project bench</c> (full) or with <c>--quick</c>
/// (under a minute). Exits 1 when a target is missed.
/// </summary>
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        if (only is not null && only != "worker-start")
        {
            Console.Error.WriteLine($"Unknown --only '{only}': the phase that runs alone is worker-start.");
            return 2;
        }

        using var calls = new CallProfile(print: args.Contains("--profile"));
        var sizes = quick
            ? new { Intake = 1_000, Dispatch = 1_000, Ack = 100, AckPerSecond = 20, Scan = new[] { 1_000, 5_000 }, Due = 100, Report = new[] { 300, 3_000 } }
            : new { Intake = 3_000, Dispatch = 1_000, Ack = 400, AckPerSecond = 20, Scan = new[] { 1_000, 10_000, 100_000 }, Due = 100, Report = new[] { 1_000, 10_000 } };
        const int Concurrency = 16;
        var run = "b" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var root = AzuriteProcess.FindToolsRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("No package.json with Azurite above the bench output.");
        var results = Path.Combine(root, "bench", "results");

        Console.WriteLine($"FollowUp benchmarks ({(quick ? "quick" : "full")}), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine("Each phase runs against a fresh Azurite (in memory), started the way the app starts it.");
        await using var memory = new MemorySampler();
        await using var twilio = await FakeTwilio.StartAsync();
        var scenarios = new Scenarios(twilio, Concurrency, Path.Combine(root, "Functions"));

        // A fresh emulator per phase, so no phase pays for another's garbage: Azurite's queue GC runs
        // every minute and removes consumed messages one at a time, re-sorting an index each time
        // (profiled: it stalled all requests for over a minute after ~10,000 messages).
        async Task<AzuriteProcess> FreshAzuriteAsync()
        {
            var azurite = await AzuriteProcess.StartAsync(root, location: null, 0, 0, 0, NullLogger.Instance, CancellationToken.None);
            scenarios.ConnectionString = azurite.ConnectionString;
            return azurite;
        }

        if (only == "worker-start")
        {
            await using var alone = await FreshAzuriteAsync();
            Step($"Worker start alone: publish (Release), then start the worker under the fake Functions host to its first 202, {WorkerStartRuns} times");
            var times = await WorkerStartsAsync(root, scenarios.ConnectionString, twilio, run, args.SkipWhile(a => a != "--published").Skip(1).FirstOrDefault());
            return PrintWorkerStarts(times) ? 0 : 1;
        }

        // 1. Intake through HTTP against the bare SDK loop, baseline measured before and after intake.
        Step($"Intake: {sizes.Intake:N0} inquiries, {Concurrency} at a time, against the bare batch + enqueue loop");
        var storage = await FreshAzuriteAsync();
        await scenarios.BaselineAsync(200, run + "warm");
        calls.Take("warm-up", 1);
        var baselineBefore = await scenarios.BaselineAsync(sizes.Intake, run + "base1");
        var baselineCalls = calls.Take("baseline", sizes.Intake);
        Throughput intake;
        double intakeCalls;
        await using (var host = scenarios.App(run + "i", functionsHost: true))
        {
            await scenarios.IntakeAsync(host, 200); // warm-up: JIT, connections, tables
            calls.Take("warm-up", 1);
            intake = await scenarios.IntakeAsync(host, sizes.Intake);
            intakeCalls = calls.Take("intake", sizes.Intake);
        }

        var baselineAfter = await scenarios.BaselineAsync(sizes.Intake, run + "base2");
        calls.Take("baseline again", sizes.Intake);
        var baselinePerSecond = (baselineBefore.PerSecond + baselineAfter.PerSecond) / 2;

        // 2. Dispatch: a standalone instance drains a backlog of acknowledgments. The backlog is kept
        // to a fixed size: the emulator re-sorts its whole message index on every queue request
        // (profiled: most of its CPU with thousands queued), so a deeper backlog measures that instead.
        Step($"Dispatch: {sizes.Dispatch:N0} queued texts to the fake Twilio (queueing them first...)");
        await storage.DisposeAsync();
        storage = await FreshAzuriteAsync();
        await using (var host = scenarios.App(run + "d", functionsHost: true))
        {
            await scenarios.IntakeAsync(host, sizes.Dispatch);
        }

        calls.Take("queueing the backlog", sizes.Dispatch);
        double dispatchPerSecond;
        double dispatchCalls;
        double[] ackLatencies;
        await using (var app = scenarios.App(run + "d", functionsHost: false))
        {
            _ = app.BaseAddress;
            dispatchPerSecond = await scenarios.DispatchRateAsync(sizes.Dispatch, TimeSpan.FromMinutes(5));
            dispatchCalls = calls.Take("dispatch", sizes.Dispatch);

            // 3. Submit → SMS accepted, paced, with everything in one standalone process.
            Step($"Acknowledgment latency: {sizes.Ack} inquiries at {sizes.AckPerSecond}/s, submit to SMS accepted");
            ackLatencies = await scenarios.AcknowledgmentLatencyAsync(app, sizes.Ack, sizes.AckPerSecond);
        }

        // 3b. The same with no queue function running (an idle Flex app has no instance for it):
        // intake sends the acknowledgment itself before answering.
        Step($"Acknowledgment latency, queue function idle: {sizes.Ack} inquiries at {sizes.AckPerSecond}/s, HTTP only, intake sends");
        double[] idleAckLatencies;
        await using (var app = scenarios.App(run + "a", functionsHost: true, sendOnIntake: true))
        {
            await scenarios.IntakeAsync(app, 20); // warm-up
            idleAckLatencies = await scenarios.AcknowledgmentLatencyAsync(app, sizes.Ack, sizes.AckPerSecond);
        }

        // Memory is judged over the app's work (intake, dispatch, acknowledgments): the scan phase below
        // builds its 100,000 seed rows in this process too, which says nothing about the app.
        var peakMb = Math.Max(memory.PeakMb, MemorySampler.KernelPeakMb() ?? 0);

        // 4. The due-step scan as the number of open inquiries grows.
        var scans = new List<ScanFigures>();
        foreach (var open in sizes.Scan)
        {
            Step($"Scan: {open:N0} open inquiries, {sizes.Due} due (seeding...)");
            await storage.DisposeAsync();
            storage = await FreshAzuriteAsync();
            scans.Add(await scenarios.ScanAsync(open, sizes.Due, run + "s" + open, calls));
        }

        // 4b. The speed-to-lead report over a month of settled days as the inquiries grow tenfold.
        var reportFigures = new List<ReportFigures>();
        foreach (var count in sizes.Report)
        {
            Step($"Report: {count:N0} inquiries over {Scenarios.ReportDays} settled days (seeding...)");
            await storage.DisposeAsync();
            storage = await FreshAzuriteAsync();
            reportFigures.Add(await scenarios.ReportAsync(count, run + "r" + count));
        }

        // 5. Worker start under the fake Functions host: process start to the first 202.
        Step($"Worker start: publish (Release), then start the worker under the fake Functions host to its first 202, {WorkerStartRuns} times");
        await storage.DisposeAsync();
        storage = await FreshAzuriteAsync();
        var starts = await WorkerStartsAsync(root, scenarios.ConnectionString, twilio, run);
        var workerStartMs = starts.AppMedian;
        PrintWorkerStarts(starts);

        await storage.DisposeAsync();
        var wholeRunPeakMb = Math.Max(memory.PeakMb, MemorySampler.KernelPeakMb() ?? 0);
        var largest = scans[^1];
        var figures = new Dictionary<string, object>
        {
            ["intake_per_s"] = Round(intake.PerSecond),
            ["baseline_per_s"] = Round(baselinePerSecond),
            ["intake_overhead_ratio"] = Round(baselinePerSecond / intake.PerSecond, 2),
            ["intake_p50_ms"] = Round(intake.P50),
            ["intake_p99_ms"] = Round(intake.P99),
            ["baseline_p99_ms"] = Round((baselineBefore.P99 + baselineAfter.P99) / 2),
            ["ack_p50_ms"] = Round(Measure.Percentile(ackLatencies, 50)),
            ["ack_p99_ms"] = Round(Measure.Percentile(ackLatencies, 99)),
            ["ack_queue_idle_p50_ms"] = Round(Measure.Percentile(idleAckLatencies, 50)),
            ["ack_queue_idle_p99_ms"] = Round(Measure.Percentile(idleAckLatencies, 99)),
            ["worker_start_to_first_202_ms"] = starts.App.Select(s => Round(s.First202Ms)),
            ["worker_start_stream_open_ms"] = starts.App.Select(s => Round(s.StreamOpenMs)),
            ["worker_start_loaded_ms"] = starts.App.Select(s => Round(s.LoadedMs)),
            ["bare_worker_start_to_first_202_ms"] = starts.Bare.Select(s => Round(s.First202Ms)),
            ["scan_flat_ratio"] = Round(largest.ScanMs / scans[0].ScanMs, 2),
            ["scan_vs_fullscan_ratio"] = Round(largest.FullScanMs / largest.ListMs, 1),
            ["scan_list_flat_ratio"] = Round(largest.ListMs / scans[0].ListMs, 2),
            ["dispatch_per_s"] = Round(dispatchPerSecond),
            ["storage_requests_per_item"] = new { baseline = Round(baselineCalls, 2), intake = Round(intakeCalls, 2), dispatch = Round(dispatchCalls, 2) },
            ["storage_requests_per_s"] = new { baseline = Round(baselinePerSecond * baselineCalls), intake = Round(intake.PerSecond * intakeCalls), dispatch = Round(dispatchPerSecond * dispatchCalls) },
            ["peak_rss_mb"] = Round(peakMb),
            ["peak_rss_whole_run_mb"] = Round(wholeRunPeakMb),
            ["report_flat_ratio"] = Round(reportFigures[^1].RollupMs / reportFigures[0].RollupMs, 2),
            ["reports"] = reportFigures.Select(r => new { inquiries = r.Inquiries, days = Scenarios.ReportDays, first_ms = Round(r.FirstMs), first_storage_reads = r.FirstReads, rollup_ms = Round(r.RollupMs), rollup_storage_reads = r.RollupReads }),
            ["scans"] = scans.Select(s => new { open = s.Open, due = s.Due, scan_ms = Round(s.ScanMs), scan_storage_requests = Round(s.ScanRequests), list_ms = Round(s.ListMs), fullscan_ms = Round(s.FullScanMs) }),
            ["sizes"] = new { mode = quick ? "quick" : "full", concurrency = Concurrency, intake_requests = sizes.Intake, dispatch_messages = sizes.Dispatch, ack_samples = sizes.Ack, ack_per_s = sizes.AckPerSecond, scan_open = sizes.Scan, scan_due = sizes.Due, cores = Environment.ProcessorCount },
        };

        var rows = new (string Name, string Figure, string Against, bool Met)[]
        {
            ("intake (HTTP, new inquiry)", $"{intake.PerSecond:N0}/s  p50 {intake.P50:N0} ms  p99 {intake.P99:N0} ms", $"bare loop {baselinePerSecond:N0}/s; need >= {0.77 * baselinePerSecond:N0}/s (0.77x)", intake.PerSecond >= 0.77 * baselinePerSecond),
            ("submit -> SMS accepted (via queue)", $"p50 {Measure.Percentile(ackLatencies, 50):N0} ms  p99 {Measure.Percentile(ackLatencies, 99):N0} ms", "p99 <= 2,000 ms", Measure.Percentile(ackLatencies, 99) <= 2_000),
            ("submit -> SMS accepted (queue idle)", $"p50 {Measure.Percentile(idleAckLatencies, 50):N0} ms  p99 {Measure.Percentile(idleAckLatencies, 99):N0} ms", "p99 <= 2,000 ms", Measure.Percentile(idleAckLatencies, 99) <= 2_000),
            ($"worker start -> first 202 (median of {WorkerStartRuns})", $"{workerStartMs:N0} ms  (bare worker {starts.BareMedian:N0} ms, {workerStartMs / starts.BareMedian:N2}x)", $"<= {WorkerStartTargetMs:N0} ms (Flex allows 30,000)", workerStartMs <= WorkerStartTargetMs),
            ("scan cost, smallest -> largest", $"{scans[0].ScanMs:N0} -> {largest.ScanMs:N0} ms ({largest.ScanMs / scans[0].ScanMs:N2}x)", "flat (<= 1.5x)", largest.ScanMs / scans[0].ScanMs <= 1.5),
            ($"finding due steps at {largest.Open:N0}", $"index {largest.ListMs:N0} ms", $"full-table filter {largest.FullScanMs:N0} ms; need >= 50x cheaper ({largest.FullScanMs / largest.ListMs:N1}x)", largest.FullScanMs / largest.ListMs >= 50),
            ($"report, {reportFigures[0].Inquiries:N0} -> {reportFigures[^1].Inquiries:N0} inquiries", $"{reportFigures[0].RollupMs:N0} -> {reportFigures[^1].RollupMs:N0} ms; {reportFigures[0].RollupReads} -> {reportFigures[^1].RollupReads} reads", "flat as inquiries grow 10x (<= 1.5x)", reportFigures[^1].RollupMs / Math.Max(1, reportFigures[0].RollupMs) <= 1.5 && reportFigures[^1].RollupReads <= reportFigures[0].RollupReads + 1),
            ("dispatch to the fake provider", $"{dispatchPerSecond:N0}/s", ">= 300/s", dispatchPerSecond >= 300),
            ("peak memory (intake, dispatch, acks)", $"{peakMb:N0} MB  (whole run {wholeRunPeakMb:N0} MB)", "<= 200 MB; whole run includes seeding", peakMb <= 200),
        };
        figures["targets_met"] = rows.ToDictionary(r => r.Name, r => r.Met);

        Console.WriteLine();
        Console.WriteLine($"{"measure",-36} {"figure",-44} {"baseline / target",-58} result");
        foreach (var (name, figure, against, met) in rows)
        {
            Console.WriteLine($"{name,-36} {figure,-44} {against,-58} {(met ? "met" : "MISSED")}");
        }

        // Where the time goes: the emulator serves requests one at a time, so a path's rate is about the
        // requests per second it serves divided by the requests the path needs per item.
        Console.WriteLine();
        Console.WriteLine($"{"storage requests",-36} {"per item",10} {"items/s",10} {"requests/s",12}");
        foreach (var (name, perItem, perSecond) in new[] { ("bare loop (per inquiry)", baselineCalls, baselinePerSecond), ("intake (per inquiry)", intakeCalls, intake.PerSecond), ("dispatch (per message)", dispatchCalls, dispatchPerSecond) })
        {
            Console.WriteLine($"{name,-36} {perItem,10:N2} {perSecond,10:N0} {perItem * perSecond,12:N0}");
        }

        Console.WriteLine();
        Console.WriteLine($"{"open",10} {"due",6} {"scan ms",10} {"scan requests",14} {"index ms",10} {"full-table ms",14}");
        foreach (var s in scans)
        {
            Console.WriteLine($"{s.Open,10:N0} {s.Due,6} {s.ScanMs,10:N0} {s.ScanRequests,14:N0} {s.ListMs,10:N1} {s.FullScanMs,14:N1}");
        }

        Console.WriteLine();
        Console.WriteLine($"{"report inquiries",16} {"days",5} {"first ms",10} {"first reads",12} {"rollup ms",10} {"rollup reads",13}");
        foreach (var r in reportFigures)
        {
            Console.WriteLine($"{r.Inquiries,16:N0} {Scenarios.ReportDays,5} {r.FirstMs,10:N0} {r.FirstReads,12:N0} {r.RollupMs,10:N1} {r.RollupReads,13:N0}");
        }

        Directory.CreateDirectory(results);
        var file = Path.Combine(results, "latest.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine();
        Console.WriteLine($"Wrote {file}");
        return rows.All(r => r.Met) ? 0 : 1;
    }

    private const int WorkerStartRuns = 5;
    private const double WorkerStartTargetMs = 600;

    /// <summary>
    /// Publishes the app and the bare worker once (or takes an app folder already published,
    /// <c>--published DIR</c>), then times <see cref="WorkerStartRuns"/> cold starts of each, taking turns
    /// so both see the same machine; each app start has its own tables.
    /// </summary>
    private static async Task<WorkerStarts> WorkerStartsAsync(string root, string connectionString, FakeTwilio twilio, string run, string? publishedFolder = null)
    {
        var app = publishedFolder ?? await WorkerStart.PublishAsync(root, WorkerStart.App.Project);
        var bare = await WorkerStart.PublishAsync(root, WorkerStart.Bare.Project);
        try
        {
            var starts = new WorkerStarts([], []);
            for (var i = 0; i < WorkerStartRuns; i++)
            {
                starts.Bare.Add(await WorkerStart.StartToFirst202Async(bare, WorkerStart.Bare.Assembly, connectionString, twilio, run + "x" + i));
                starts.App.Add(await WorkerStart.StartToFirst202Async(app, WorkerStart.App.Assembly, connectionString, twilio, run + "w" + i));
            }

            return starts;
        }
        finally
        {
            Directory.Delete(bare, recursive: true);
            if (publishedFolder is null)
            {
                Directory.Delete(app, recursive: true);
            }
        }
    }

    /// <summary>Each start's milestones, app beside bare worker, and the app's median against the target; true when it is met.</summary>
    private static bool PrintWorkerStarts(WorkerStarts starts)
    {
        Console.WriteLine();
        Console.WriteLine($"{"start",6} {"stream open ms",20} {"loaded ms",20} {"first 202 ms",20}   (FollowUp / bare worker)");
        static string Pair(double app, double bare) => $"{app,8:N0} / {bare,-8:N0}";
        for (var i = 0; i < starts.App.Count; i++)
        {
            var (app, bare) = (starts.App[i], starts.Bare[i]);
            Console.WriteLine($"{i + 1,6} {Pair(app.StreamOpenMs, bare.StreamOpenMs),20} {Pair(app.LoadedMs, bare.LoadedMs),20} {Pair(app.First202Ms, bare.First202Ms),20}");
        }

        var median = starts.AppMedian;
        var met = median <= WorkerStartTargetMs;
        Console.WriteLine(
            $"{"median",6} {Pair(Median(starts.App.Select(s => s.StreamOpenMs)), Median(starts.Bare.Select(s => s.StreamOpenMs))),20} " +
            $"{Pair(Median(starts.App.Select(s => s.LoadedMs)), Median(starts.Bare.Select(s => s.LoadedMs))),20} {Pair(median, starts.BareMedian),20}");
        Console.WriteLine($"FollowUp's first 202 takes {median / starts.BareMedian:N2}x the bare worker's; target <= {WorkerStartTargetMs:N0} ms: {(met ? "met" : "MISSED")}");
        return met;
    }

    /// <summary>Cold starts of the app and of the bare worker, in turns.</summary>
    private sealed record WorkerStarts(List<StartTimes> App, List<StartTimes> Bare)
    {
        public double AppMedian => Median(App.Select(s => s.First202Ms));

        public double BareMedian => Median(Bare.Select(s => s.First202Ms));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static void Step(string what) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {what}");

    private static double Round(double value, int digits = 0) => Math.Round(value, digits);
}
