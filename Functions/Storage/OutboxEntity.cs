using Azure;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>
/// A message to send, and the single source of truth for whether it was sent.
/// RowKey <c>outbox|{messageId}</c>. State moves queued → sending → sent | failed | deferred | suppressed
/// (deferred and a retried attempt return to queued), each step
/// guarded by the row's ETag so two workers never both send it.
/// </summary>
internal sealed class OutboxEntity : ITableEntity, IWriteStamped
{
    /// <inheritdoc/>
    public string? WriteId { get; set; }

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string MessageId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string? Subject { get; set; }
    public string Body { get; set; } = "";
    public string State { get; set; } = OutboxState.Queued;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SendingSince { get; set; }

    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? ProviderMessageId { get; set; }
    public string? Error { get; set; }

    /// <summary>The provider's error code of the last failure (e.g. Twilio 21610), if any.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>The last attempt ended without an answer; look the message up before sending again.</summary>
    public bool Ambiguous { get; set; }

    /// <summary>Held for quiet hours until this time.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>The recipient's IANA time zone, for quiet hours.</summary>
    public string? RecipientTimeZone { get; set; }

    /// <summary>For a staff recipient with their own working hours: those hours (see <c>WeeklyHours</c>).</summary>
    public string? RecipientHours { get; set; }

    /// <summary>This text has been counted against the day's cap on new numbers (a retry is not counted again).</summary>
    public bool CountedAsNewNumber { get; set; }

    /// <summary>This text has been counted against the day's SMS budget (a retry is not counted again).</summary>
    public bool CountedInBudget { get; set; }

    /// <summary>Why a text may go to this person (<see cref="SmsConsent"/>); a text to a prospect or referrer without it is not sent.</summary>
    public string? Consent { get; set; }

    /// <summary>The furthest delivery status the provider reported (delivered, undelivered, failed…).</summary>
    public string? DeliveryStatus { get; set; }
}
