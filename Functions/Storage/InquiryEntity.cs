using Azure;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>A prospect's inquiry (or a referral of one). RowKey <c>inquiry|{id}</c> (see <see cref="InquiryRows.HeaderPrefix"/>).</summary>
internal sealed class InquiryEntity : ITableEntity, IWriteStamped
{
    /// <inheritdoc/>
    public string? WriteId { get; set; }

    /// <summary>The inquiry's id (<c>20261123141503-K3F9Q2XD</c>), which is also its partition.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary>The inquiry id, by its name: the same value as <see cref="PartitionKey"/>, not stored twice.</summary>
    [System.Runtime.Serialization.IgnoreDataMember]
    public string Id => PartitionKey;

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

    /// <summary>The inquiry came from a call to the business number (its <see cref="Source"/> says whether it was missed or answered).</summary>
    public bool Called { get; set; }

    /// <summary>When repeated missed calls made the inquiry urgent (FollowUp:Calls:UrgentAfter).</summary>
    public DateTimeOffset? UrgentAt { get; set; }

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
    public DateTimeOffset? FirstRespondBy { get; set; }

    /// <summary>Business minutes from arrival to the first attempt, and whether it kept the first promise, as worked out when it was logged.</summary>
    public int? FirstContactMinutes { get; set; }

    public bool? FirstContactInPromise { get; set; }

    /// <summary>The outcome recorded when the inquiry was closed.</summary>
    public string? Outcome { get; set; }

    /// <summary>When the inquiry was last closed; its status link ends <c>FollowUp:StatusPage:EndsAfterClose</c> later.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The SHA-256 of the prospect's status link token (see <see cref="StatusLinkEntity"/>); null for inquiries without one.</summary>
    public string? StatusLinkHash { get; set; }

    /// <summary>When the prospect first opened their status page.</summary>
    public DateTimeOffset? StatusOpenedAt { get; set; }

    /// <summary>The callback slot the prospect picked on their status page: the promise moved to it (<see cref="RespondBy"/>).</summary>
    public DateTimeOffset? CallbackAt { get; set; }

    /// <summary>How many details the prospect added on their status page.</summary>
    public int DetailsAdded { get; set; }
    public string? ReferrerName { get; set; }
    public string? ReferrerEmail { get; set; }
    public string? ReferrerPhone { get; set; }
    public bool ReferrerConsentToSms { get; set; }
}
