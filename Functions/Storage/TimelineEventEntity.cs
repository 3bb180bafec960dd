using Azure;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>One entry on an inquiry's timeline. RowKey <c>event|{ticks}|{n}</c>.</summary>
internal sealed class TimelineEventEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Type { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "system";
    public string? Detail { get; set; }
    public string? MessageId { get; set; }
}
