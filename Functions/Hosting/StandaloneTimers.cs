using Cronos;

namespace FollowUp.Hosting;

/// <summary>
/// Standalone mode's stand-in for the Functions host's timer trigger: runs each timer function at
/// the occurrences of its CRON expression (UTC), waiting on the injected <see cref="TimeProvider"/>
/// so tests can move time instead of sleeping. Missed occurrences are not replayed one by one:
/// the next run catches up, as with the host's timer.
/// </summary>
internal sealed class StandaloneTimers(
    IEnumerable<ITimerFunction> functions,
    HostingMode mode,
    TimeProvider time,
    ILogger<StandaloneTimers> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        mode.IsCustomHandler
            ? Task.CompletedTask
            : Task.WhenAll(functions.Select(function => RunScheduleAsync(function, stoppingToken)));

    private async Task RunScheduleAsync(ITimerFunction function, CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(function.Schedule, CronFormat.IncludeSeconds);
        HostingLog.TimerStarted(logger, function.Name, function.Schedule);

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            try
            {
                await Task.Delay(next.Value - now, time, stoppingToken);
                await function.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                HostingLog.TimerFailed(logger, ex, function.Name);
            }
        }
    }
}
