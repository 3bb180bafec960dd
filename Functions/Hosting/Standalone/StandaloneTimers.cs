using Cronos;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Hosting.Standalone;

/// <summary>
/// Standalone mode's stand-in for the Functions host's timer trigger: runs each timer function at
/// the occurrences of its CRON expression (UTC), waiting on the injected <see cref="TimeProvider"/>
/// so tests can move time instead of sleeping. Missed occurrences are not replayed one by one:
/// the next run catches up, as with the host's timer.
/// </summary>
internal sealed class StandaloneTimers(
    IServiceProvider services,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<StandaloneTimers> logger) : BackgroundService
{
    private static readonly Dictionary<string, object?> NoBindingData = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FunctionCatalog.Timer.Select(function => RunScheduleAsync(function, stoppingToken)));

    private async Task RunScheduleAsync(TimerFunction function, CancellationToken stoppingToken)
    {
        var expression = FunctionCatalog.Resolve(function.Schedule, configuration);
        var schedule = CronExpression.Parse(expression, CronFormat.IncludeSeconds);
        HostingLog.TimerStarted(logger, function.Name, expression);

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
                await using var scope = services.CreateAsyncScope();
                await FunctionInvoker.InvokeAsync(function.Method, scope.ServiceProvider, NoBindingData, new TimerInfo(), stoppingToken);
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
