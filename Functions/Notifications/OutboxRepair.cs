using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Notifications;

/// <summary>
/// Outbox repair. <see cref="RequeueUnqueuedAsync"/> (every minute, from the <c>ScanDueWindows</c> timer) queues
/// again any outbox row of a recent inquiry still waiting after the grace period, which is what happens when
/// intake stored an inquiry but could not enqueue its messages: it reads only inquiries created since its
/// checkpoint (their ids start with the creation time), and moves the checkpoint only when every row it found
/// is queued, so nothing is skipped. <see cref="RepairStuckAsync"/> (the <c>RepairOutbox</c> timer, at most hourly) queues again any message of
/// a kept inquiry left unfinished with nothing queued to finish it. A row queued twice is still sent once.
/// </summary>
internal sealed class OutboxRepair(
    FollowUpStorage storage,
    OutboxQueue queue,
    TimeProvider time,
    IOptions<StorageOptions> options,
    IOptions<RetentionOptions> retention,
    ILogger<OutboxRepair> logger) : IOutboxRequeue
{
    /// <summary>Its checkpoints in <c>Runtime</c> (the names rows have had since the first release).</summary>
    public const string CheckpointName = RuntimeEntity.OutboxRequeueCheckpoint;
    public const string RepairName = "OutboxRepair";

    /// <summary>How often the repair pass runs, and how long a row may sit unfinished before it counts as stuck.</summary>
    public static readonly TimeSpan RepairEvery = TimeSpan.FromHours(1);
    public static readonly TimeSpan StuckAfter = TimeSpan.FromHours(2);

    /// <summary>How far back the very first sweep looks.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromHours(1);

    public async Task<int> RequeueUnqueuedAsync(CancellationToken cancellationToken)
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

    /// <summary>
    /// Once an hour, queues again any message of any inquiry still kept (<c>FollowUp:Retention</c>) that has sat unfinished for
    /// <see cref="StuckAfter"/>: its queue message is gone without finishing it (moved to the poison
    /// queue after repeated errors, say, or a delayed retry that was never queued). Retries wait an hour
    /// at most and a sending lease is two minutes, so nothing on its way is hurried; and a row queued
    /// twice is still sent once (one that was mid-send is looked up at the provider first). It looks as far
    /// back as an inquiry is kept because an old inquiry still open gets new messages (a "no news" update,
    /// a follow-up reminder); only the unfinished rows come back from the query.
    /// </summary>
    public async Task<int> RepairStuckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var saved = await storage.Runtime.GetEntityIfExistsAsync<RuntimeEntity>(
            RuntimeEntity.TimerPartition, RepairName, cancellationToken: cancellationToken);
        if (saved.HasValue && saved.Value?.LastRunAt is { } last && now - last < RepairEvery)
        {
            return 0;
        }

        var stuckBefore = now - StuckAfter;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {IdGenerator.TimePrefix(now - retention.Value.KeepInquiriesFor)} and PartitionKey lt {IdGenerator.TimePrefix(stuckBefore)} and RowKey ge {InquiryRows.OutboxPrefix} and RowKey lt {InquiryRows.PrefixEnd(InquiryRows.OutboxPrefix)} and (State eq {OutboxState.Queued} or State eq {OutboxState.Sending} or State eq {OutboxState.Deferred})");
        var count = 0;
        await foreach (var row in storage.Inquiries.QueryAsync<OutboxEntity>(filter, cancellationToken: cancellationToken))
        {
            var lastMoved = row.State == OutboxState.Deferred ? row.NotBefore ?? row.CreatedAt : row.SendingSince ?? row.CreatedAt;
            if (lastMoved < stuckBefore)
            {
                await queue.EnqueueAsync(new NotificationRef(row.PartitionKey, row.MessageId), cancellationToken);
                NotificationsLog.Repaired(logger, row.MessageId, row.PartitionKey, row.State);
                count++;
            }
        }

        await storage.Runtime.UpsertEntityAsync(new RuntimeEntity { RowKey = RepairName, LastRunAt = now }, TableUpdateMode.Replace, cancellationToken);
        return count;
    }
}
