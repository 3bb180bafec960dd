using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Staff;

/// <summary>
/// Contact attempts staff log (a call, a text, an email, a visit) and what each does: any attempt keeps the
/// promise; only <see cref="Reached"/> makes contact, stops the ladder and tells a referrer (once);
/// otherwise the owner is reminded to try again. At most <see cref="ContactPolicyOptions.MaxAttempts"/> per
/// prospect in <see cref="ContactPolicyOptions.AttemptWindow"/>, across all staff.
/// </summary>
internal sealed class ContactAttempts(
    InquiryChanges changes,
    FollowUpStorage storage,
    Ladder ladder,
    BusinessCalendar calendar,
    OutboxQueue queue,
    MessageTemplates templates,
    IOptions<ContactPolicyOptions> policy,
    IOptions<BusinessOptions> business)
{
    public static readonly string[] AttemptChannels = ["phone", "sms", "email", "in-person"];
    public static readonly string[] AttemptOutcomes = ContactOutcomes.All;

    /// <summary>The one outcome that makes contact; every other attempt keeps the promise but the owner is reminded to try again.</summary>
    public const string Reached = ContactOutcomes.Reached;

    /// <summary>The outcome of an answer relayed by text: the promise is kept, but texting is not reaching.</summary>
    public const string Texted = "texted";

    /// <summary>How long a message queued before its row is stored waits, so the row exists when it arrives.</summary>
    public static readonly TimeSpan StoredFirstDelay = TimeSpan.FromSeconds(5);

    public async Task<WorkResult> LogAttemptAsync(string id, StaffEntity caller, string? channel, string? outcome, string? note, CancellationToken ct)
    {
        if (channel is null || !AttemptChannels.Contains(channel))
        {
            return new WorkResult.Invalid("channel", $"Use one of: {string.Join(", ", AttemptChannels)}.");
        }

        if (outcome is null || !AttemptOutcomes.Contains(outcome))
        {
            return new WorkResult.Invalid("outcome", $"Use one of: {string.Join(", ", AttemptOutcomes)}.");
        }

        if (note is { Length: > 500 })
        {
            return new WorkResult.Invalid("note", "At most 500 characters.");
        }

        return await changes.ChangeAsync(id, caller, ownerOnly: true, ct, (inquiry, now) => AttemptAsync(inquiry, caller, channel, outcome, note, now, ct));
    }

    /// <summary>
    /// Records a contact attempt on <paramref name="inquiry"/>, unless the attempt cap is reached: the attempt
    /// row, its timeline entry (<paramref name="entry"/>, else "tried by …"), and what it does to the ladder
    /// (any attempt keeps the promise). <paramref name="capped"/> false records a call the prospect made
    /// (answered by staff), which is no chasing and is never refused; <paramref name="measured"/>, an attempt a call logged by itself.
    /// </summary>
    public async Task<(WorkResult? Stop, TableTransactionAction[]? Actions)> AttemptAsync(
        InquiryEntity inquiry, StaffEntity caller, string channel, string outcome, string? note, DateTimeOffset now, CancellationToken ct,
        (string Type, string Detail)? entry = null, bool capped = true, bool measured = false)
    {
        var id = inquiry.Id;
        if (capped && await CapReachedAsync(inquiry, now, ct) is { } reached)
        {
            return (reached, null);
        }

        var attempt = new AttemptEntity
        {
            PartitionKey = id, RowKey = AttemptEntity.Prefix + InquiryRows.Event(now, 0)[InquiryRows.EventPrefix.Length..],
            At = now, StaffId = caller.Id, StaffName = caller.Name, Channel = channel, Outcome = outcome, Note = note, Measured = measured,
        };
        List<TableTransactionAction> extra = [new(TableTransactionActionType.Add, attempt)];
        if (inquiry.FirstContactedAt is null)
        {
            // Decided now, by today's hours and this inquiry's first promise, so later settings never rewrite it.
            inquiry.FirstContactedAt = now;
            inquiry.FirstContactMinutes = (int)Math.Round(calendar.BusinessTimeBetween(inquiry.CreatedAt, now).TotalMinutes);
            // Where the prospect moved the time on their status page, the promise is the time they picked.
            inquiry.FirstContactInPromise = now <= (inquiry.CallbackAt ?? inquiry.FirstRespondBy ?? inquiry.RespondBy);
        }
        inquiry.KeptAt ??= now; // any attempt keeps the promise: no lapse, escalation or "no news" for it
        if (outcome == Reached && inquiry.ReachedAt is null)
        {
            // Contact made: the ladder stops, and a referrer hears the news (once per inquiry).
            inquiry.ReachedAt = now;
            inquiry.NextStep = null;
            inquiry.NextDueAt = null;
            if (!inquiry.ReferrerTold && ReferrerUpdate(inquiry, caller, now) is { } referrerUpdate)
            {
                // Queued before it is stored, delayed so the row exists when it arrives: if storing fails the
                // message finds no row and does nothing; if queueing fails nothing is stored. Never lost.
                await queue.EnqueueAfterAsync(new NotificationRef(referrerUpdate.PartitionKey, referrerUpdate.MessageId), StoredFirstDelay, ct);
                extra.Add(new(TableTransactionActionType.Add, referrerUpdate));
                inquiry.ReferrerTold = true;
            }
        }
        else if (inquiry.ReachedAt is null)
        {
            // Not reached yet: the owner is reminded to try again, counting from this attempt.
            inquiry.FollowUps = 0;
            (inquiry.NextStep, inquiry.NextDueAt) = ladder.NextFollowUp(now);
        }

        var (type, detail) = entry ?? ("attempt", $"{caller.Name} tried by {channel}: {outcome}." + (note is null ? "" : $" {note}"));
        return (null, [.. InquiryChanges.Event(inquiry, now, type, detail, caller), .. extra]);
    }

    /// <summary>Why no more attempts may be made on <paramref name="inquiry"/> now (<see cref="ContactPolicyOptions.MaxAttempts"/>), else null.</summary>
    public async Task<WorkResult.Conflict?> CapReachedAsync(InquiryEntity inquiry, DateTimeOffset now, CancellationToken ct)
    {
        var recent = (await AttemptsAsync(inquiry.Id, ct)).Where(a => a.At > now - policy.Value.AttemptWindow).OrderBy(a => a.At).ToList();
        if (recent.Count < policy.Value.MaxAttempts)
        {
            return null;
        }

        var who = string.Join("; ", recent.Select(a => $"{a.StaffName} at {a.At:u} ({a.Channel}, {a.Outcome})"));
        return new WorkResult.Conflict($"{inquiry.Name} has been contacted {recent.Count} times in the last {policy.Value.AttemptWindow.TotalHours:0} hours: {who}.");
    }

    public async Task<List<AttemptEntity>> AttemptsAsync(string id, CancellationToken ct)
    {
        var attempts = new List<AttemptEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {AttemptEntity.Prefix} and RowKey lt {InquiryRows.PrefixEnd(AttemptEntity.Prefix)}");
        await foreach (var attempt in storage.Inquiries.QueryAsync<AttemptEntity>(filter, cancellationToken: ct))
        {
            attempts.Add(attempt);
        }

        return attempts;
    }

    private OutboxEntity? ReferrerUpdate(InquiryEntity inquiry, StaffEntity caller, DateTimeOffset now)
    {
        var (channel, to) = inquiry.ReferrerEmail is { } email ? (Channels.Email, email)
            : inquiry.ReferrerPhone is { } phone && inquiry.ReferrerConsentToSms ? (Channels.Sms, phone)
            : (null, null);
        if (channel is null || inquiry.ReferrerName is null)
        {
            return null;
        }

        var t = templates.Current;
        var values = new Dictionary<string, string>
        {
            ["ReferrerFirstName"] = PersonName.First(inquiry.ReferrerName), ["ProspectFirstName"] = PersonName.First(inquiry.Name),
            ["Staff"] = caller.FirstName, ["Business"] = business.Value.Name,
        };
        return InquiryRows.NewOutbox(
            inquiry.Id,
            "referrer-contacted",
            MessageKinds.ReferrerUpdate,
            channel,
            to!,
            channel == Channels.Email ? MessageTemplates.Render(t.ReferrerContactedEmailSubject, values) : null,
            MessageTemplates.Render(channel == Channels.Sms ? t.ReferrerContactedSms : t.ReferrerContactedEmailBody, values),
            now,
            consent: channel == Channels.Sms ? SmsConsent.Given : null);
    }
}
