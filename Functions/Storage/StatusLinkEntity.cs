using Azure;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>
/// Finds an inquiry by its status link. Table <c>Runtime</c>, PartitionKey <c>status-link</c>, RowKey the
/// SHA-256 (hex) of the link's token: the token itself is never stored. Erasure voids the row (the inquiry
/// id goes, <see cref="EndedAt"/> stays), so the link then answers 410 rather than 404.
/// </summary>
internal sealed class StatusLinkEntity : ITableEntity
{
    public const string Partition = "status-link";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The inquiry the link shows; null once the link was voided.</summary>
    public string? InquiryId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the link was voided (the person was erased).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public static StatusLinkEntity For(string tokenHash, string inquiryId, DateTimeOffset now) =>
        new() { RowKey = tokenHash, InquiryId = inquiryId, CreatedAt = now };
}
