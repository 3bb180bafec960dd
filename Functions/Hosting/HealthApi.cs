using FollowUp.Notifications;
using FollowUp.Storage;
using FollowUp.Hosting.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Hosting;

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
            var sweep = storage.Runtime.GetEntityIfExistsAsync<RuntimeEntity>(RuntimeEntity.TimerPartition, OutboxSweep.CheckpointName, cancellationToken: timeout.Token);
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

/// <summary>The health answer. <c>LastScanAt</c> is null until the ScanDueWindows timer has run once.</summary>
internal sealed record HealthReport(string Status, string Storage, int? QueueDepth, int? PoisonDepth, DateTimeOffset? LastScanAt, DateTimeOffset CheckedAt);

/// <summary>The <c>Health</c> function, for uptime monitors and the deployment's smoke test.</summary>
internal sealed class HealthFunction(HttpEdge edge)
{
    [Function("Health")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        edge.RunAsync(request, HealthApi.GetHealth);
}
