using Azure;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>
/// What FollowUp knows about one phone number or email address, across inquiries.
/// PartitionKey and RowKey are both the contact key: <c>phone:{E.164}</c> or
/// <c>email:{escaped lowercase address}</c>. A constant RowKey would do for Azure, but the storage
/// emulator looks entities up by RowKey first, so a RowKey shared by every contact made each point
/// read scan them all (a 10,000-row lead import slowed to a crawl); a distinct one keeps it O(1).
/// </summary>
internal sealed class ContactEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    /// <summary>Always the <see cref="PartitionKey"/>; what storage sends back is the same value.</summary>
    public string RowKey
    {
        get => PartitionKey;
        set { }
    }
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? OpenInquiryId { get; set; }
    public DateTimeOffset? LastSubmittedAt { get; set; }

    /// <summary>The number texted STOP (or Twilio reported it unsubscribed): no SMS until START.</summary>
    public bool SmsOptedOut { get; set; }

    /// <summary>The address bounced, was dropped, reported spam or unsubscribed: no email.</summary>
    public bool EmailSuppressed { get; set; }

    public string? SuppressionReason { get; set; }

    public DateTimeOffset? SuppressionChangedAt { get; set; }

    /// <summary>When the business first texted this number: a number without it counts against the daily cap on new numbers.</summary>
    public DateTimeOffset? TextedAt { get; set; }

    /// <summary>When this person was last thanked for a referral, and for which inquiry: one thank-you per duplicate window.</summary>
    public DateTimeOffset? ReferrerThankedAt { get; set; }

    public string? ReferrerThankedFor { get; set; }

    /// <summary>For a staff phone: the UTC hour (<c>yyyyMMddHH</c>) being counted, and the texts sent to it in that hour (see <c>StaffTextCap</c>).</summary>
    public string? TextsHour { get; set; }

    public int TextsInHour { get; set; }

    public static string PhoneKey(string e164) => "phone:" + e164;

    // '/', '\', '#' and '?' may appear in an address but not in a key; escaping removes them.
    public static string EmailKey(string email) => "email:" + Uri.EscapeDataString(email.ToLowerInvariant());
}
