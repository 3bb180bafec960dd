using FollowUp.Hosting;
using FollowUp.Storage;

namespace FollowUp.Notifications;

/// <summary>Puts references to outbox rows on the <c>notifications</c> queue.</summary>
internal sealed class OutboxQueue(FollowUpStorage storage, QueueWakeUp wakeUp, ILogger<OutboxQueue> logger)
{
    public async Task EnqueueAsync(NotificationRef reference, CancellationToken cancellationToken)
    {
        await storage.Notifications.SendMessageAsync(reference.ToBinaryData(), cancellationToken: cancellationToken);
        wakeUp.Signal();
    }

    /// <summary>
    /// Queues every row, logging instead of throwing on failure: the rows are already stored, and the
    /// outbox sweep queues any that are still waiting after the grace period.
    /// </summary>
    public Task TryEnqueueAllAsync(IEnumerable<OutboxEntity> rows, CancellationToken cancellationToken) =>
        Task.WhenAll(rows.Select(async row =>
        {
            try
            {
                await EnqueueAsync(new NotificationRef(row.PartitionKey, row.MessageId), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                NotificationsLog.EnqueueFailed(logger, ex, row.MessageId, row.PartitionKey);
            }
        }));
}
