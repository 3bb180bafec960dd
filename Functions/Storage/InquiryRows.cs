using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>
/// The row scheme of the <c>Inquiries</c> table. PartitionKey is the inquiry id; within it:
/// <list type="bullet">
/// <item><c>inquiry|{id}</c>: the inquiry itself (<see cref="InquiryEntity"/>; see <see cref="InquiryRows.HeaderPrefix"/>);</item>
/// <item><c>event|{ticks:D19}|{n}{random}</c>: timeline events, oldest first (<see cref="TimelineEventEntity"/>);</item>
/// <item><c>outbox|{messageId}</c>: messages to send (<see cref="OutboxEntity"/>);</item>
/// <item><c>attempt|{ticks}|{n}{random}</c>: contact attempts staff logged (<see cref="AttemptEntity"/>);</item>
/// <item><c>call|{CallSid}</c>: calls with the prospect (<see cref="CallEntity"/>).</item>
/// </list>
/// Keeping them in one partition lets one entity-group transaction store an inquiry with
/// everything it must send, and a send with its timeline entry.
/// Inquiry ids start with their UTC creation time, so a PartitionKey range finds recent inquiries.
/// </summary>
internal static class InquiryRows
{
    /// <summary>
    /// The inquiry row's RowKey is <c>inquiry|{id}</c>. Within its partition the id adds nothing, but the
    /// storage emulator looks entities up by RowKey first, so one RowKey shared by every inquiry made
    /// each point read and insert scan all inquiries; a distinct one keeps them O(1).
    /// </summary>
    public const string HeaderPrefix = "inquiry|";
    public const string EventPrefix = "event|";
    public const string OutboxPrefix = "outbox|";

    public static string Outbox(string messageId) => OutboxPrefix + messageId;

    public static string Header(string inquiryId) => HeaderPrefix + inquiryId;

    /// <summary>A filter for inquiry rows across partitions, optionally with more conditions.</summary>
    public static string Headers(FormattableString? andAlso = null)
    {
        var headers = TableClient.CreateQueryFilter($"RowKey ge {HeaderPrefix} and RowKey lt {PrefixEnd(HeaderPrefix)}");
        return andAlso is null ? headers : headers + " and " + TableClient.CreateQueryFilter(andAlso);
    }

    /// <summary>
    /// A timeline RowKey: time first so events sort in order, then the position within one write,
    /// then a random tail so writes at the same instant never collide.
    /// </summary>
    public static string Event(DateTimeOffset at, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{EventPrefix}{at.UtcTicks:D19}|{sequence:D2}{RandomNumberGenerator.GetHexString(6)}");

    /// <summary>A new timeline entry for an inquiry.</summary>
    public static TimelineEventEntity NewEvent(string inquiryId, DateTimeOffset at, int sequence, string type, string detail, string actor = "system", string? messageId = null) =>
        new()
        {
            PartitionKey = inquiryId,
            RowKey = Event(at, sequence),
            Type = type,
            At = at,
            Actor = actor,
            Detail = detail,
            MessageId = messageId,
        };

    /// <summary>A new outbox row of an inquiry, queued.</summary>
    public static OutboxEntity NewOutbox(
        string inquiryId, string messageId, string kind, string channel, string to, string? subject, string body, DateTimeOffset now, string? recipientTimeZone = null,
        string? consent = null) =>
        new()
        {
            Consent = consent,
            PartitionKey = inquiryId,
            RowKey = Outbox(messageId),
            MessageId = messageId,
            Kind = kind,
            Channel = channel,
            Recipient = to,
            Subject = subject,
            Body = body,
            CreatedAt = now,
            RecipientTimeZone = recipientTimeZone,
        };

    /// <summary>The first RowKey after every key that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
