using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace FollowUp.Core;

/// <summary>
/// The next ladder step of each open inquiry, keyed by when it is due. Table <c>DueIndex</c>:
/// PartitionKey the due minute in UTC (<c>yyyyMMddHHmm</c>), RowKey <c>{inquiryId}|{step}</c>.
/// A scan reads only partitions up to the current minute, and handled entries are deleted, so its
/// cost follows what is due, not how many inquiries exist.
/// </summary>
internal sealed class DueEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string InquiryId { get; set; } = "";
    public string Step { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }

    public static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    public static DueEntry For(string inquiryId, string step, DateTimeOffset dueAt) => new()
    {
        PartitionKey = Bucket(dueAt),
        RowKey = $"{inquiryId}|{step}",
        InquiryId = inquiryId,
        Step = step,
        DueAt = dueAt,
    };
}
