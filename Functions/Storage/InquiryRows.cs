using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>
/// The row scheme of the <c>Inquiries</c> table. PartitionKey is the inquiry id; within it:
/// <list type="bullet">
/// <item><c>inquiry|{id}</c>: the inquiry itself (<see cref="InquiryEntity"/>; see <see cref="InquiryRows.HeaderPrefix"/>);</item>
/// <item><c>event|{ticks:D19}|{n}{random}</c>: timeline events, oldest first (<see cref="TimelineEventEntity"/>);</item>
/// <item><c>outbox|{messageId}</c>: messages to send (<see cref="OutboxEntity"/>);</item>
/// <item><c>attempt|{ticks}|{n}{random}</c>: contact attempts staff logged (<see cref="AttemptEntity"/>).</item>
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

/// <summary>A prospect's inquiry (or a referral of one). RowKey <c>inquiry|{id}</c> (see <see cref="InquiryRows.HeaderPrefix"/>).</summary>
internal sealed class InquiryEntity : ITableEntity, IWriteStamped
{
    /// <inheritdoc/>
    public string? WriteId { get; set; }

    public string PartitionKey { get; set; } = "";

    /// <summary>Always <see cref="InquiryRows.Header"/> of the <see cref="PartitionKey"/>; what storage sends back is the same value.</summary>
    public string RowKey
    {
        get => InquiryRows.Header(PartitionKey);
        set { }
    }

    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Message { get; set; }
    public string PreferredChannel { get; set; } = "";
    public string Source { get; set; } = "";
    public string? TimeZone { get; set; }
    public bool ConsentToSms { get; set; }
    public string Status { get; set; } = InquiryStatus.Open;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset RespondBy { get; set; }
    public int Submissions { get; set; } = 1;

    /// <summary>The lead came from an imported list (its <see cref="Source"/> names the event), not a form.</summary>
    public bool Imported { get; set; }

    /// <summary>The staff member who owns the inquiry, if anyone is on duty.</summary>
    public string? OwnerId { get; set; }

    public string? OwnerName { get; set; }

    /// <summary>The next ladder step and when it is due (also in the DueIndex table).</summary>
    public string? NextStep { get; set; }

    public DateTimeOffset? NextDueAt { get; set; }

    /// <summary>
    /// Which promise the ladder is on: renewed by a "no news yet" update and by reopening. Ladder messages'
    /// ids carry it, so a new promise's steps never collide with an earlier one's.
    /// </summary>
    public int Cycle { get; set; }

    /// <summary>When a logged attempt kept the current promise (any attempt does); null while it is still open.</summary>
    public DateTimeOffset? KeptAt { get; set; }

    /// <summary>When the prospect was reached since the inquiry was last opened; the owner is reminded to try again until then.</summary>
    public DateTimeOffset? ReachedAt { get; set; }

    /// <summary>Follow-up reminders sent to the owner since the current promise was kept without reaching the prospect.</summary>
    public int FollowUps { get; set; }

    /// <summary>The last promise that lapsed with no attempt (its time), the business day it fell on, and how many lapsed that day.</summary>
    public DateTimeOffset? LastLapsedAt { get; set; }

    public string? LapsedOn { get; set; }

    public int LapsesThatDay { get; set; }

    /// <summary>The referrer has been told the prospect was reached (once per inquiry).</summary>
    public bool ReferrerTold { get; set; }

    /// <summary>The prospect texted a reply at this time and nobody has answered it yet ("no news" updates wait meanwhile).</summary>
    public DateTimeOffset? ReplyPendingSince { get; set; }

    /// <summary>The prospect's latest reply, as forwarded to the owner.</summary>
    public string? LastReply { get; set; }

    /// <summary>How the latest reply came (<c>sms</c> or <c>email</c>): the owner's answer goes back the same way.</summary>
    public string? LastReplyChannel { get; set; }

    /// <summary>
    /// Forwarding of replies to the owner in the current hour (from <see cref="ForwardsSince"/>): how many went,
    /// and how many more were held for the one "N more replies" text at the end of the hour.
    /// </summary>
    public DateTimeOffset? ForwardsSince { get; set; }

    public int ForwardsInWindow { get; set; }

    public int RepliesHeld { get; set; }

    /// <summary>When the prospect was last told there is no news yet.</summary>
    public DateTimeOffset? LastNoNewsAt { get; set; }

    /// <summary>Who claimed the inquiry (a staff id), and when.</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>When the first contact attempt was logged (whatever its outcome).</summary>
    public DateTimeOffset? FirstContactedAt { get; set; }

    /// <summary>
    /// The first promise, as made when the inquiry arrived (a later "no news" or reopening renews
    /// <see cref="RespondBy"/>, and a change of hours or windows must not rewrite what was promised then).
    /// </summary>
    public DateTimeOffset? FirstPromisedBy { get; set; }

    /// <summary>Business minutes from arrival to the first attempt, and whether it kept the first promise, as worked out when it was logged.</summary>
    public int? FirstContactMinutes { get; set; }

    public bool? FirstContactInPromise { get; set; }

    /// <summary>The outcome recorded when the inquiry was closed.</summary>
    public string? Outcome { get; set; }
    public string? ReferrerName { get; set; }
    public string? ReferrerEmail { get; set; }
    public string? ReferrerPhone { get; set; }
    public bool ReferrerConsentToSms { get; set; }
}

internal static class InquiryStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
}

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
}

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

    /// <summary>Why a text may go to this person (<see cref="Core.SmsConsent"/>); a text to a prospect or referrer without it is not sent.</summary>
    public string? Consent { get; set; }

    /// <summary>The furthest delivery status the provider reported (delivered, undelivered, failed…).</summary>
    public string? DeliveryStatus { get; set; }
}

internal static class OutboxState
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Deferred = "deferred";
    public const string Suppressed = "suppressed";

    /// <summary>States in which the row is finished: nothing will ever send it.</summary>
    public static bool IsFinal(string state) => state is Sent or Failed or Suppressed;
}
