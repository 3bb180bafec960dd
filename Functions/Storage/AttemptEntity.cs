using Azure;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>One contact attempt a staff member logged. RowKey <c>attempt|{ticks}|{n}{random}</c>.</summary>
internal sealed class AttemptEntity : ITableEntity
{
    public const string Prefix = "attempt|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset At { get; set; }
    public string StaffId { get; set; } = "";
    public string StaffName { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string? Note { get; set; }

    /// <summary>Logged by a call itself (an answered call, a click-to-call's result), not typed in.</summary>
    public bool Measured { get; set; }
}
