using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using FollowUp.Notifications;
using FollowUp.Storage;
using FollowUp.Windows;
using Microsoft.Extensions.Options;

namespace FollowUp.Staff;

/// <summary>Limits on chasing one prospect.</summary>
internal sealed class ContactPolicyOptions
{
    public const string SectionName = "FollowUp:Contact";

    /// <summary>Attempts allowed per prospect, across all staff, within <see cref="AttemptWindow"/>.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan AttemptWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Attempts needed before an inquiry may be closed as "no-response".</summary>
    [Range(0, 100)]
    public int MinAttemptsForNoResponse { get; set; } = 2;
}

/// <summary>What came of a staff action.</summary>
internal abstract record WorkResult
{
    /// <param name="Channel">For an answer relayed to the prospect: how it goes (<c>sms</c> or <c>email</c>).</param>
    public sealed record Done(InquiryEntity Inquiry, string? Channel = null) : WorkResult;

    public sealed record NotFound : WorkResult;

    public sealed record Forbidden(string Reason) : WorkResult;

    public sealed record Conflict(string Reason) : WorkResult;

    public sealed record Invalid(string Field, string Reason) : WorkResult;
}

/// <summary>
/// What staff do to an inquiry: claim it, pass it on, log contact attempts, close and reopen it.
/// Every change is made under the inquiry's ETag, together with its timeline entry.
/// </summary>
internal sealed class InquiryWork(
    FollowUpStorage storage,
    StaffDirectory directory,
    OwnerRotation rotation,
    Ladder ladder,
    DueIndex dueIndex,
    BusinessCalendar calendar,
    OutboxQueue queue,
    MessageTemplates templates,
    TimeProvider time,
    IOptions<ContactPolicyOptions> policy,
    IOptions<ResponseWindowOptions> windows,
    IOptions<BusinessOptions> business,
    IdGenerator ids,
    QuietHours quietHours,
    OutboundGate gate)
{
    public static readonly string[] AttemptChannels = ["phone", "sms", "email", "in-person"];
    public static readonly string[] AttemptOutcomes = [Reached, "voicemail", "no-answer", "emailed", "wrong-number"];
    public static readonly string[] CloseOutcomes = ["won", "lost", "not-interested", "no-response", "duplicate", "other"];
    /// <summary>The one outcome that makes contact; every other attempt keeps the promise but the owner is reminded to try again.</summary>
    public const string Reached = "reached";

    /// <summary>The outcome of an answer relayed by text: the promise is kept, but texting is not reaching.</summary>
    public const string Texted = "texted";

    /// <summary>The longest answer relayed by text (three SMS segments).</summary>
    public const int MaxRelayedText = 450;
    private static readonly TimeSpan ReferrerUpdateDelay = TimeSpan.FromSeconds(5);

    public Task<WorkResult> ClaimAsync(string id, StaffEntity caller, CancellationToken ct) =>
        ChangeAsync(id, caller, ownerOnly: false, ct, async (inquiry, now) =>
        {
            if (inquiry.ClaimedBy == caller.Id)
            {
                return (null, null);
            }

            if (inquiry.ClaimedBy is { } other)
            {
                var winner = await directory.FindAsync(other, ct);
                return (new WorkResult.Conflict($"Already claimed by {winner?.Name ?? other} at {inquiry.ClaimedAt:u}."), null);
            }

            if (inquiry.OwnerId is { } owner && owner != caller.Id && !await directory.IsManagerAsync(caller.Id, ct))
            {
                return (new WorkResult.Forbidden($"It is {inquiry.OwnerName ?? owner}'s; only a manager may claim someone else's inquiry (or they can PASS it)."), null);
            }

            inquiry.ClaimedBy = caller.Id;
            inquiry.ClaimedAt = now;
            inquiry.OwnerId = caller.Id;
            inquiry.OwnerName = caller.Name;
            return (null, Event(inquiry, now, "claimed", $"Claimed by {caller.Name}.", caller));
        });

    public Task<WorkResult> PassAsync(string id, StaffEntity caller, CancellationToken ct) =>
        ChangeAsync(id, caller, ownerOnly: true, ct, async (inquiry, now) =>
        {
            var next = await rotation.AssignAsync(inquiry.Source, ct, exclude: inquiry.OwnerId);
            if (next is null)
            {
                return (new WorkResult.Conflict("Nobody else is on duty to pass it to."), null);
            }

            var from = inquiry.OwnerName ?? "nobody";
            inquiry.OwnerId = next.Id;
            inquiry.OwnerName = next.Name;
            inquiry.ClaimedBy = null;
            inquiry.ClaimedAt = null;
            return (null, Event(inquiry, now, "passed", $"{caller.Name} passed it from {from} to {next.Name}.", caller));
        });

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

        return await ChangeAsync(id, caller, ownerOnly: true, ct, (inquiry, now) => AttemptAsync(inquiry, caller, channel, outcome, note, now, ct));
    }

    /// <summary>
    /// Relays the owner's answer to the prospect's text (<c>R {Code} …</c>) from the business number: a
    /// text through the outbox (so quiet hours and STOP hold as it is sent), logged as an SMS attempt
    /// (so the attempt cap holds), and the reply counts as answered.
    /// </summary>
    public async Task<WorkResult> RelayAsync(string id, StaffEntity caller, string text, CancellationToken ct)
    {
        if (text.Length is 0 or > MaxRelayedText)
        {
            return new WorkResult.Invalid("text", $"Write 1 to {MaxRelayedText} characters.");
        }

        string? channel = null;
        var result = await ChangeAsync(id, caller, ownerOnly: true, ct, async (inquiry, now) =>
        {
            // Back the way the prospect last wrote, on the consent that gives (the outbound gate checks it again as it is sent).
            var phoneKey = inquiry.Phone is { } phone ? ContactEntity.PhoneKey(phone) : null;
            var emailKey = inquiry.Email is { } email ? ContactEntity.EmailKey(email) : null;
            var contacts = await Task.WhenAll(new[] { phoneKey, emailKey }.OfType<string>().Select(key => storage.FindContactAsync(key, ct)));
            var (by, consent, whyNot) = ProspectRoutes.Answer(inquiry, await gate.ReachAsync(inquiry.Phone, inquiry.Email, contacts, ct));
            if (by is null)
            {
                return (new WorkResult.Conflict(whyNot!), null);
            }

            var bySms = by == Channels.Sms;
            var (stop, actions) = await AttemptAsync(inquiry, caller, by, bySms ? Texted : "emailed", text, now, ct,
                ("answer-relayed", $"{caller.Name} answered by {(bySms ? "text" : "email")}: {text}"));
            if (stop is not null)
            {
                return (stop, null);
            }

            var t = templates.Current;
            (string, string)[] values = [("Text", text), ("Staff", caller.FirstName), ("Business", business.Value.Name)];
            var answer = bySms
                ? InquiryRows.NewOutbox(id, ids.NewMessageId(), MessageKinds.RelayedAnswer, Channels.Sms, inquiry.Phone!, null,
                    MessageTemplates.Render(t.RelayedAnswerSms, values), now, quietHours.ZoneFor(inquiry.TimeZone, inquiry.Phone), consent)
                : InquiryRows.NewOutbox(id, ids.NewMessageId(), MessageKinds.RelayedAnswer, Channels.Email, inquiry.Email!,
                    MessageTemplates.Render(t.RelayedAnswerEmailSubject, values), MessageTemplates.Render(t.RelayedAnswerSms, values), now);
            await queue.EnqueueAfterAsync(new NotificationRef(id, answer.MessageId), ReferrerUpdateDelay, ct); // before storing, as for the referrer update
            inquiry.ReplyPendingSince = null;
            channel = by;
            return (null, [.. actions!, new(TableTransactionActionType.Add, answer)]);
        });
        return result is WorkResult.Done done ? done with { Channel = channel } : result;
    }

    /// <summary>
    /// Records a contact attempt on <paramref name="inquiry"/>, unless the attempt cap is reached: the attempt
    /// row, its timeline entry (<paramref name="entry"/>, else "tried by …"), and what it does to the ladder
    /// (any attempt keeps the promise).
    /// </summary>
    private async Task<(WorkResult? Stop, TableTransactionAction[]? Actions)> AttemptAsync(
        InquiryEntity inquiry, StaffEntity caller, string channel, string outcome, string? note, DateTimeOffset now, CancellationToken ct,
        (string Type, string Detail)? entry = null)
    {
        var id = inquiry.PartitionKey;
        var recent = (await AttemptsAsync(id, ct)).Where(a => a.At > now - policy.Value.AttemptWindow).OrderBy(a => a.At).ToList();
        if (recent.Count >= policy.Value.MaxAttempts)
        {
            var who = string.Join("; ", recent.Select(a => $"{a.StaffName} at {a.At:u} ({a.Channel}, {a.Outcome})"));
            return (new WorkResult.Conflict($"{inquiry.Name} has been contacted {recent.Count} times in the last {policy.Value.AttemptWindow.TotalHours:0} hours: {who}."), null);
        }

        var attempt = new AttemptEntity
        {
            PartitionKey = id, RowKey = AttemptEntity.Prefix + InquiryRows.Event(now, 0)[InquiryRows.EventPrefix.Length..],
            At = now, StaffId = caller.Id, StaffName = caller.Name, Channel = channel, Outcome = outcome, Note = note,
        };
        List<TableTransactionAction> extra = [new(TableTransactionActionType.Add, attempt)];
        if (inquiry.FirstContactedAt is null)
        {
            // Decided now, by today's hours and this inquiry's first promise, so later settings never rewrite it.
            inquiry.FirstContactedAt = now;
            inquiry.FirstContactMinutes = (int)Math.Round(calendar.BusinessTimeBetween(inquiry.CreatedAt, now).TotalMinutes);
            inquiry.FirstContactInPromise = now <= (inquiry.FirstPromisedBy ?? inquiry.RespondBy);
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
                await queue.EnqueueAfterAsync(new NotificationRef(referrerUpdate.PartitionKey, referrerUpdate.MessageId), ReferrerUpdateDelay, ct);
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
        return (null, [.. Event(inquiry, now, type, detail, caller), .. extra]);
    }

    public async Task<WorkResult> CloseAsync(string id, StaffEntity caller, string? outcome, CancellationToken ct)
    {
        if (outcome is null || !CloseOutcomes.Contains(outcome))
        {
            return new WorkResult.Invalid("outcome", $"Use one of: {string.Join(", ", CloseOutcomes)}.");
        }

        return await ChangeAsync(id, caller, ownerOnly: true, ct, async (inquiry, now) =>
        {
            var attempts = (await AttemptsAsync(id, ct)).Count;
            if (outcome == "no-response" && attempts < policy.Value.MinAttemptsForNoResponse)
            {
                return (new WorkResult.Conflict(
                    $"Log at least {policy.Value.MinAttemptsForNoResponse} attempts before closing as no-response; {attempts} logged."), null);
            }

            inquiry.Status = InquiryStatus.Closed;
            inquiry.Outcome = outcome;
            inquiry.NextStep = null;
            inquiry.NextDueAt = null;
            return (null, Event(inquiry, now, "closed", $"Closed by {caller.Name}: {outcome}.", caller));
        }, allowClosed: false);
    }

    public async Task<WorkResult> ReopenAsync(string id, StaffEntity caller, CancellationToken ct)
    {
        return await ChangeAsync(id, caller, ownerOnly: true, ct, (inquiry, now) =>
        {
            if (inquiry.Status == InquiryStatus.Open)
            {
                return Task.FromResult<(WorkResult?, TableTransactionAction[]?)>((new WorkResult.Conflict("The inquiry is open already."), null));
            }

            // A new promise and a new cycle: the ladder starts from the top, its texts' ids never collide with
            // the earlier cycle's, and the prospect has to be reached again.
            inquiry.Status = InquiryStatus.Open;
            inquiry.Outcome = null;
            inquiry.RespondBy = calendar.AddBusinessTime(now, windows.Value.WebForm);
            inquiry.Cycle++;
            inquiry.KeptAt = null;
            inquiry.ReachedAt = null;
            inquiry.FollowUps = 0;
            (inquiry.NextStep, inquiry.NextDueAt) = ladder.First(inquiry);
            return Task.FromResult<(WorkResult?, TableTransactionAction[]?)>((null, Event(inquiry, now, "reopened", $"Reopened by {caller.Name}.", caller)));
        }, allowClosed: true);
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

    /// <summary>
    /// Loads the inquiry, checks the caller may act, applies the change, and stores it under the ETag,
    /// retrying on a race. A change that moved the ladder's next step schedules it in the due index.
    /// </summary>
    private async Task<WorkResult> ChangeAsync(
        string id,
        StaffEntity caller,
        bool ownerOnly,
        CancellationToken ct,
        Func<InquiryEntity, DateTimeOffset, Task<(WorkResult? Stop, TableTransactionAction[]? Actions)>> change,
        bool allowClosed = false)
    {
        return await storage.Inquiries.ChangeAsync<InquiryEntity, WorkResult>(
            id,
            InquiryRows.Header(id),
            async inquiry =>
            {
                if (inquiry is null)
                {
                    return RowChange<InquiryEntity, WorkResult>.Stop(new WorkResult.NotFound());
                }

                if (inquiry.Status == InquiryStatus.Closed && !allowClosed)
                {
                    return RowChange<InquiryEntity, WorkResult>.Stop(new WorkResult.Conflict($"The inquiry is closed ({inquiry.Outcome})."));
                }

                if (ownerOnly && inquiry.OwnerId != caller.Id && !await directory.IsManagerAsync(caller.Id, ct))
                {
                    return RowChange<InquiryEntity, WorkResult>.Stop(new WorkResult.Forbidden($"Only its owner ({inquiry.OwnerName ?? "nobody"}) or a manager may do that."));
                }

                var before = (inquiry.NextStep, inquiry.NextDueAt);
                var (stop, actions) = await change(inquiry, time.GetUtcNow());
                if (stop is null && actions is not null && inquiry is { NextStep: { } step, NextDueAt: { } due } && (step, due) != before)
                {
                    // Scheduled before the row is stored: an entry whose step the row never shows is dropped by
                    // the scan, but a stored step without its entry would never be taken.
                    await dueIndex.ScheduleAsync(DueEntry.For(inquiry.PartitionKey, step, due), ct);
                }

                return stop is not null ? RowChange<InquiryEntity, WorkResult>.Stop(stop)
                    : actions is null ? RowChange<InquiryEntity, WorkResult>.Stop(new WorkResult.Done(inquiry))
                    : RowChange<InquiryEntity, WorkResult>.Save(inquiry, new WorkResult.Done(inquiry), actions);
            },
            () => new WorkResult.Conflict("The inquiry keeps changing; try again."),
            ct);
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
            ["ReferrerFirstName"] = Acknowledgments.FirstName(inquiry.ReferrerName), ["ProspectFirstName"] = Acknowledgments.FirstName(inquiry.Name),
            ["Staff"] = caller.FirstName, ["Business"] = business.Value.Name,
        };
        return InquiryRows.NewOutbox(
            inquiry.PartitionKey,
            "referrer-contacted",
            MessageKinds.ReferrerUpdate,
            channel,
            to!,
            channel == Channels.Email ? MessageTemplates.Render(t.ReferrerContactedEmailSubject, values) : null,
            MessageTemplates.Render(channel == Channels.Sms ? t.ReferrerContactedSms : t.ReferrerContactedEmailBody, values),
            now,
            consent: channel == Channels.Sms ? Core.SmsConsent.Given : null);
    }

    private static TableTransactionAction[] Event(InquiryEntity inquiry, DateTimeOffset now, string type, string detail, StaffEntity caller) =>
        [new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.PartitionKey, now, 0, type, detail, actor: caller.Id))];
}
