using Azure.Data.Tables;
using FollowUp.Storage;
using Microsoft.Extensions.Options;

namespace FollowUp.Notifications;

/// <summary>
/// Queues again any outbox row of a recent inquiry that is still waiting after the grace period,
/// which is what happens when intake stored an inquiry but could not enqueue its messages.
/// It reads only inquiries created since its checkpoint (their ids start with the creation time),
/// and moves the checkpoint only when every row it found is queued, so nothing is skipped.
/// A row queued twice is still sent once.
/// </summary>
internal sealed class OutboxSweep(
    FollowUpStorage storage,
    OutboxQueue queue,
    TimeProvider time,
    IOptions<StorageOptions> options,
    ILogger<OutboxSweep> logger)
{
    public const string CheckpointName = "OutboxSweep";

    /// <summary>How far back the very first sweep looks.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromHours(1);

    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var to = now - options.Value.OutboxGracePeriod;
        var saved = await storage.Runtime.GetEntityIfExistsAsync<RuntimeEntity>(
            RuntimeEntity.TimerPartition, CheckpointName, cancellationToken: cancellationToken);
        var from = saved.HasValue && saved.Value?.Checkpoint is { } checkpoint ? checkpoint : to - FirstLookBack;

        var count = 0;
        if (from < to)
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey ge {IdGenerator.TimePrefix(from)} and PartitionKey lt {IdGenerator.TimePrefix(to)} and RowKey ge {InquiryRows.OutboxPrefix} and RowKey lt {InquiryRows.PrefixEnd(InquiryRows.OutboxPrefix)} and State eq {OutboxState.Queued}");
            await foreach (var row in storage.Inquiries.QueryAsync<OutboxEntity>(filter, cancellationToken: cancellationToken))
            {
                await queue.EnqueueAsync(new NotificationRef(row.PartitionKey, row.MessageId), cancellationToken);
                count++;
            }

            if (count > 0)
            {
                NotificationsLog.SweepRequeued(logger, count, from, to);
            }
        }

        await storage.Runtime.UpsertEntityAsync(
            new RuntimeEntity { RowKey = CheckpointName, Checkpoint = from < to ? to : from, LastRunAt = now },
            TableUpdateMode.Replace,
            cancellationToken);
        return count;
    }
}
