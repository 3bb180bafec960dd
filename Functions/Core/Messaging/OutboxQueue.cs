namespace FollowUp.Core;

/// <summary>Puts references to outbox rows on the <c>notifications</c> queue.</summary>
internal sealed class OutboxQueue(FollowUpStorage storage, QueueWakeUp wakeUp, ILogger<OutboxQueue> logger)
{
    /// <summary>How long a worker may hold a row in <c>sending</c> before another may take it over.</summary>
    public static readonly TimeSpan SendingLease = TimeSpan.FromMinutes(2);

    /// <summary>The longest a queue message can stay invisible.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    public async Task EnqueueAsync(NotificationRef reference, CancellationToken cancellationToken)
    {
        await storage.Notifications.SendMessageAsync(reference.ToBinaryData(), cancellationToken: cancellationToken);
        wakeUp.Signal();
    }

    /// <summary>Queues a reference that becomes visible only after <paramref name="delay"/> (whole seconds, at most 7 days).</summary>
    public async Task EnqueueAfterAsync(NotificationRef reference, TimeSpan delay, CancellationToken cancellationToken)
    {
        var seconds = Math.Clamp(Math.Ceiling(delay.TotalSeconds), 0, MaxDelay.TotalSeconds);
        await storage.Notifications.SendMessageAsync(reference.ToBinaryData(), visibilityTimeout: TimeSpan.FromSeconds(seconds), cancellationToken: cancellationToken);
        if (seconds == 0)
        {
            wakeUp.Signal();
        }
    }

    /// <summary>Parks a reference in the poison queue, where staff look for messages that could not be sent.</summary>
    public Task PoisonAsync(NotificationRef reference, CancellationToken cancellationToken) =>
        storage.NotificationsPoison.SendMessageAsync(reference.ToBinaryData(), cancellationToken: cancellationToken);

    /// <summary>
    /// Queues every row, visible after <paramref name="delay"/>, logging instead of throwing on failure:
    /// the rows are already stored, and the outbox sweep queues any that are still waiting after the
    /// grace period.
    /// </summary>
    public Task TryEnqueueAllAsync(IEnumerable<OutboxEntity> rows, TimeSpan delay, CancellationToken cancellationToken) =>
        Task.WhenAll(rows.Select(async row =>
        {
            try
            {
                await EnqueueAfterAsync(new NotificationRef(row.PartitionKey, row.MessageId), delay, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                CoreLog.EnqueueFailed(logger, ex, row.MessageId, row.PartitionKey);
            }
        }));
}
