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

    public string PartitionKey { get; set; } = TimerPartition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset? Checkpoint { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
}
