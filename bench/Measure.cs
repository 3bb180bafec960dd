using System.Diagnostics;

namespace FollowUp.Bench;

/// <summary>Small measuring tools: timed concurrent loops, percentiles and the process's peak memory.</summary>
internal static class Measure
{
    /// <summary>Runs <paramref name="count"/> operations with <paramref name="concurrency"/> workers; returns the wall time and each operation's latency.</summary>
    public static async Task<(TimeSpan Elapsed, double[] LatenciesMs)> LoopAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        return (clock.Elapsed, latencies);
    }

    public static async Task<double> TimeAsync(Func<Task> operation)
    {
        var started = Stopwatch.GetTimestamp();
        await operation();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values) => Percentile(values.ToArray(), 50);
}

/// <summary>Samples the process's resident memory every 100 ms and keeps the peak.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public MemorySampler() => _sampling = SampleAsync();

    public double PeakMb => Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet) / 1024.0 / 1024.0;

    /// <summary>The kernel's own high-water mark (VmHWM), where /proc is available.</summary>
    public static double? KernelPeakMb()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var now = Environment.WorkingSet;
            if (now > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, now);
            }

            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>
/// Counts the storage requests each phase makes (the Azure SDKs' HTTP requests, retries included) and,
/// with <c>--profile</c>, prints every SDK call with its average time, to show where a phase's time goes.
/// </summary>
internal sealed class CallProfile : IDisposable
{
    /// <summary>The Azure SDKs' pipeline source: one activity per HTTP request to storage.</summary>
    private const string StorageRequests = "Azure.Core.Http";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Count, double Ms)> _calls = new();
    private readonly ActivityListener _listener;
    private readonly bool _print;
    private long _storageRequests;

    public CallProfile(bool print)
    {
        _print = print;
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Azure", StringComparison.Ordinal) || (print && source.Name == "System.Net.Http"),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == StorageRequests)
                {
                    Interlocked.Increment(ref _storageRequests);
                }

                if (_print)
                {
                    _calls.AddOrUpdate(
                        activity.Source.Name == "System.Net.Http" ? $"HTTP {activity.DisplayName}" : activity.DisplayName,
                        (1, activity.Duration.TotalMilliseconds),
                        (_, total) => (total.Count + 1, total.Ms + activity.Duration.TotalMilliseconds));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>
    /// Storage requests per <paramref name="unit"/> (an inquiry, a message) since the last call, and
    /// starts counting again; with <c>--profile</c>, prints each kind of call per unit.
    /// </summary>
    public double Take(string phase, int units)
    {
        var requests = Interlocked.Exchange(ref _storageRequests, 0);
        var calls = _calls.ToArray();
        _calls.Clear();
        if (_print)
        {
            Console.WriteLine($"    calls during {phase}, per unit of {units:N0}:");
            foreach (var (name, (count, ms)) in calls.Where(c => !c.Key.StartsWith("HTTP ", StringComparison.Ordinal) || c.Key.Length > 5).OrderByDescending(c => c.Value.Ms))
            {
                Console.WriteLine($"      {name,-44} {count / (double)units,6:N2} calls  {ms / count,7:N1} ms avg");
            }
        }

        return requests / (double)units;
    }

    public void Dispose() => _listener.Dispose();
}
