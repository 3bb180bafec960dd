using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Health;

/// <summary>The <c>Health</c> function: is storage reachable, how deep are the queues, when did the scan last run.</summary>
internal static class HealthApi
{
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(5);

    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealth(
        FollowUpStorage storage, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StorageTimeout);
        var now = time.GetUtcNow();
        try
        {
            var queue = storage.Notifications.GetPropertiesAsync(timeout.Token);
            var poison = storage.NotificationsPoison.GetPropertiesAsync(timeout.Token);
            var sweep = storage.Runtime.GetEntityIfExistsAsync<RuntimeEntity>(RuntimeEntity.TimerPartition, RuntimeEntity.OutboxRequeueCheckpoint, cancellationToken: timeout.Token);
            await Task.WhenAll(queue, poison, sweep);
            var lastScan = sweep.Result.HasValue ? sweep.Result.Value?.LastRunAt : null;
            return TypedResults.Ok(new HealthReport(
                "healthy", "reachable", queue.Result.Value.ApproximateMessagesCount, poison.Result.Value.ApproximateMessagesCount, lastScan, now));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure to reach storage (a refusal, a timeout, or Azure.Core's AggregateException
            // once its retries run out) means the same thing to a monitor: unhealthy.
            return Unhealthy(ex, now);
        }
    }

    private static JsonHttpResult<HealthReport> Unhealthy(Exception ex, DateTimeOffset now) =>
        TypedResults.Json(
            new HealthReport("unhealthy", $"unreachable ({ex.GetType().Name})", null, null, null, now),
            statusCode: StatusCodes.Status503ServiceUnavailable);

}
