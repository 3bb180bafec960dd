using Azure;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>
/// Bookkeeping for a timer: how far it got and when it last ran.
/// PartitionKey <c>timer</c>; RowKey the timer's name.
/// </summary>
internal sealed class RuntimeEntity : ITableEntity
{
    public const string TimerPartition = "timer";

    /// <summary>How far outbox repair has queued again what intake stored but could not queue (health reads it).</summary>
    public const string OutboxRequeueCheckpoint = "OutboxRequeue";

    /// <summary>Ids of the SendGrid events already handled (<c>{sg_event_id}</c>), kept for the time SendGrid may send one again.</summary>
    public const string SendGridEventPartition = "sendgrid-event";

    public string PartitionKey { get; set; } = TimerPartition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset? Checkpoint { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
}
