using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.ResponseWindows;

/// <summary>
/// Takes the ladder steps that are due. Safe to run in two places at once and to repeat: a step's
/// outbox row has a fixed id, and the inquiry moves to its next step under its ETag, so a step is taken
/// once; an index entry is deleted only after its step is stored, scheduled onward and queued.
/// </summary>
internal sealed class LadderScan(
    FollowUpStorage storage,
    DueIndex index,
    Ladder ladder,
    StaffDirectory staff,
    BusinessCalendar calendar,
    QuietHours quietHours,
    OutboxQueue queue,
    MessageTemplates templates,
    TimeProvider time,
    IOptions<ResponseWindowOptions> windows,
    IOptions<BusinessOptions> business,
    IOptions<LadderOptions> ladderOptions,
    SmsDestinations destinations,
    ILogger<LadderScan> logger)
{
    public async Task<int> ScanOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var taken = 0;
        await foreach (var entry in index.DueAsync(now, cancellationToken))
        {
            if (entry.DueAt > now)
            {
                continue; // later in this same minute
            }

            try
            {
                if (await TakeAsync(entry, now, cancellationToken))
                {
                    taken++;
                }

                await index.RemoveAsync(entry, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The entry stays and is tried again next scan; one bad entry never holds up the others.
                WindowsLog.StepFailed(logger, ex, entry.Step, entry.InquiryId);
            }
        }

        return taken;
    }

    /// <summary>How often a step is tried again at once when the inquiry changed under it (a staff action, say) before it was taken.</summary>
    private const int TakeAttempts = 3;

    private async Task<bool> TakeAsync(DueEntry entry, DateTimeOffset now, CancellationToken cancellationToken, int attempt = 1)
    {
        if (await storage.FindInquiryAsync(entry.InquiryId, cancellationToken) is not { Status: InquiryStatus.Open } inquiry)
        {
            return false;
        }

        if (inquiry.NextStep != entry.Step || inquiry.NextDueAt != entry.DueAt)
        {
            // Taken already (by another scanner, or before a failure): make sure what it queued is queued.
            // The due time tells an entry of an earlier promise from the same step of the current one,
            // which another scanner may have just scheduled: that one is not due yet.
            await RequeueAsync(entry, inquiry, cancellationToken);
            return false;
        }

        var (step, _) = ladder.Current(inquiry, now);
        var people = await staff.ListAsync(cancellationToken);
        var messages = Compose(inquiry, step, now, people);
        var (detail, outbox) = messages;
        if (Ladder.IsPastPromise(step) && inquiry.KeptAt is null && inquiry.LastLapsedAt != inquiry.RespondBy)
        {
            RecordLapse(inquiry);
        }

        if (step == Ladder.NoNews)
        {
            inquiry.RespondBy = calendar.AddBusinessTime(now, windows.Value.WebForm);
            inquiry.LastNoNewsAt = outbox.Count > 0 ? now : inquiry.LastNoNewsAt;
            inquiry.Cycle++;
        }

        if (step == Ladder.FollowUp)
        {
            inquiry.FollowUps++;
        }

        var next = step switch
        {
            Ladder.NoNews => ladder.First(inquiry),
            Ladder.FollowUp => ladder.NextFollowUp(now),
            _ => ladder.After(inquiry, step),
        };
        inquiry.NextStep = next?.Step;
        inquiry.NextDueAt = next?.Due;
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.UpdateReplace, inquiry, inquiry.ETag),
            new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.PartitionKey, now, 0, "ladder-" + step, detail)),
            .. outbox.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)),
        ];
        var answerLost = false;
        try
        {
            await storage.Inquiries.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another scanner took this step, or this one did and the answer was lost (the SDK's retry then
            // conflicts with its own first try). Either way, if the step is recorded as taken, whatever
            // follows it must happen: the next entry scheduled, the texts queued. Both are idempotent.
            var fresh = await storage.FindInquiryAsync(inquiry.PartitionKey, cancellationToken);
            if (fresh is { Status: InquiryStatus.Open } && fresh.NextStep == entry.Step && fresh.NextDueAt == entry.DueAt)
            {
                // Nobody took the step: the inquiry changed for another reason (a staff action). Take it on
                // the fresh row; if it keeps failing, the entry stays for the next scan rather than being dropped.
                return attempt < TakeAttempts
                    ? await TakeAsync(entry, now, cancellationToken, attempt + 1)
                    : throw new InvalidOperationException($"The {entry.Step} step of {entry.InquiryId} could not be stored; it stays due.");
            }

            if (fresh is null || fresh.NextStep != inquiry.NextStep || fresh.NextDueAt != inquiry.NextDueAt)
            {
                return false;
            }

            answerLost = true;
        }

        if (next is { } following)
        {
            await index.ScheduleAsync(DueEntry.For(inquiry.PartitionKey, following.Step, following.Due), cancellationToken);
        }

        if (answerLost)
        {
            // The stored texts may be this scan's or another's: queue whichever are waiting.
            await RequeueAsync(entry, inquiry, cancellationToken);
            return false;
        }

        foreach (var row in outbox)
        {
            await queue.EnqueueAsync(new NotificationRef(row.PartitionKey, row.MessageId), cancellationToken);
        }

        WindowsLog.StepTaken(logger, step, inquiry.PartitionKey, outbox.Count);
        return true;
    }

    /// <summary>Counts the current promise as lapsed, by the business day it fell on (the team load's "lapsed today").</summary>
    private void RecordLapse(InquiryEntity inquiry)
    {
        var day = business.Value.LocalDate(inquiry.RespondBy);
        inquiry.LapsesThatDay = inquiry.LapsedOn == day ? inquiry.LapsesThatDay + 1 : 1;
        inquiry.LapsedOn = day;
        inquiry.LastLapsedAt = inquiry.RespondBy;
    }

    private async Task RequeueAsync(DueEntry entry, InquiryEntity inquiry, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {inquiry.PartitionKey} and RowKey ge {InquiryRows.OutboxPrefix + entry.Step} and RowKey lt {InquiryRows.PrefixEnd(InquiryRows.OutboxPrefix + entry.Step)} and State eq {OutboxState.Queued}");
        await foreach (var row in storage.Inquiries.QueryAsync<OutboxEntity>(filter, cancellationToken: cancellationToken))
        {
            await queue.EnqueueAsync(new NotificationRef(row.PartitionKey, row.MessageId), cancellationToken);
        }
    }

    private (string Detail, List<OutboxEntity> Outbox) Compose(InquiryEntity inquiry, string step, DateTimeOffset now, IReadOnlyList<StaffEntity> people)
    {
        var code = IdGenerator.ShortCode(inquiry.PartitionKey);
        var contact = inquiry.Phone ?? inquiry.Email ?? "no contact";
        var owner = people.FirstOrDefault(s => s.Id == inquiry.OwnerId);
        var hours = people.Where(s => s.Mobile is not null && s.Hours is not null).ToDictionary(s => s.Mobile!, s => s.Hours!);
        var outbox = new List<OutboxEntity>();
        switch (step)
        {
            case Ladder.Remind when owner?.Mobile is { } mobile:
                outbox.Add(Sms(hours, inquiry, step, MessageKinds.OwnerReminder, mobile, owner.TimeZone,
                    StaffText(templates.Current.OwnerReminderSms, code, inquiry, contact, When(inquiry.RespondBy, now, owner.TimeZone), owner.Name), now));
                return ($"Reminder sent to {owner.Name}.", outbox);
            case Ladder.Lapse when owner?.Mobile is { } mobile:
                outbox.Add(Sms(hours, inquiry, step, MessageKinds.OwnerLapsed, mobile, owner.TimeZone,
                    StaffText(templates.Current.OwnerLapsedSms, code, inquiry, contact, When(inquiry.RespondBy, now, owner.TimeZone), owner.Name), now));
                return ($"The promised time passed; {owner.Name} was told.", outbox);
            case Ladder.Escalate:
                var escalateTo = EscalationTarget(owner, people);
                if (escalateTo?.Mobile is not { } targetMobile)
                {
                    return ("The promised time passed and there is nobody to escalate to.", outbox);
                }

                outbox.Add(Sms(hours, inquiry, step, MessageKinds.Escalation, targetMobile, escalateTo.TimeZone,
                    StaffText(templates.Current.EscalationSms, code, inquiry, contact, When(inquiry.RespondBy, now, escalateTo.TimeZone), owner?.Name ?? "Nobody"), now));
                if (ladderOptions.Value.ReassignOnEscalation)
                {
                    inquiry.OwnerId = escalateTo.Id;
                    inquiry.OwnerName = escalateTo.Name;
                    inquiry.ClaimedBy = null;
                    inquiry.ClaimedAt = null;
                    return ($"Escalated and reassigned to {escalateTo.Name}.", outbox);
                }

                return ($"Escalated to {escalateTo.Name}.", outbox);
            case Ladder.NoNews:
                return NoNewsUpdate(inquiry, now, owner);
            case Ladder.FollowUp when owner?.Mobile is { } mobile:
                outbox.Add(Sms(hours, inquiry, step, MessageKinds.OwnerFollowUp, mobile, owner.TimeZone,
                    StaffText(templates.Current.OwnerFollowUpSms, code, inquiry, contact, When(inquiry.RespondBy, now, owner.TimeZone), owner.Name), now));
                return ($"{owner.Name} was reminded to try {inquiry.Name} again: not reached yet.", outbox);
            default:
                return ($"Step {step} due, but the owner has no mobile number to remind.", outbox);
        }
    }

    private (string, List<OutboxEntity>) NoNewsUpdate(InquiryEntity inquiry, DateTimeOffset now, StaffEntity? owner)
    {
        // STOP and bounces are the outbound gate's to check as the update is sent.
        var channel = ProspectRoutes.Channel(inquiry, new Reachability(false, false, destinations.Refusal(inquiry.Phone)));
        var newPromise = calendar.AddBusinessTime(now, windows.Value.WebForm);
        if (inquiry.ReplyPendingSince is { } replied)
        {
            // They are waiting on an answer to their own text: a canned "no news" would be worse than none.
            return ($"No \"no news\" update: {inquiry.Name} texted at {replied:u} and waits for an answer. New promise {newPromise:u}.", []);
        }

        if (inquiry.LastNoNewsAt is { } last && now - last < ladderOptions.Value.NoNewsPeriod)
        {
            return ($"The promise slipped again; the prospect was told at {last:u}, so not again yet. New promise {newPromise:u}.", []);
        }

        if (channel is null)
        {
            return ("No news for the prospect, and no way to tell them.", []);
        }

        var zone = inquiry.TimeZone ?? business.Value.TimeZone;
        var t = templates.Current;
        var values = new Dictionary<string, string>
        {
            ["FirstName"] = PersonName.First(inquiry.Name), ["Name"] = inquiry.Name, ["Business"] = business.Value.Name,
            ["RespondBy"] = When(newPromise, now, zone), ["Owner"] = owner?.FirstName ?? MessageTemplates.NoOwner,
        };
        var row = channel == Channels.Sms
            ? Sms(new Dictionary<string, string>(), inquiry, Ladder.NoNews, MessageKinds.NoNews, inquiry.Phone!, quietHours.ZoneFor(inquiry.TimeZone, inquiry.Phone),
                MessageTemplates.Render(t.NoNewsSms, values), now, SmsConsent.Given)
            : Message(inquiry, Ladder.NoNews, MessageKinds.NoNews, Channels.Email, inquiry.Email!, null,
                MessageTemplates.Render(t.NoNewsEmailSubject, values), MessageTemplates.Render(t.NoNewsEmailBody, values), now);
        return ($"The prospect was told there is no news yet, with a new promise of {newPromise:u}.", [row]);
    }

    /// <summary>The owner's manager; without one, the next person on duty who is not the owner.</summary>
    private static StaffEntity? EscalationTarget(StaffEntity? owner, IReadOnlyList<StaffEntity> people) =>
        people.FirstOrDefault(s => s.Id == owner?.ManagerId)
        ?? people.Where(s => s.OnDuty && s.Id != owner?.Id).OrderBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>A text to staff about an inquiry, from its template; while the prospect's text waits for an answer, it says so.</summary>
    private string StaffText(string template, string code, InquiryEntity inquiry, string contact, string respondBy, string owner) =>
        MessageTemplates.Render(template, ("Code", code), ("Name", inquiry.Name), ("Contact", contact), ("RespondBy", respondBy), ("Owner", owner), ("Business", business.Value.Name))
        + (inquiry.ReplyPendingSince is null ? ""
            : " " + MessageTemplates.Render(templates.Current.ReplyWaitingNote, ("Name", inquiry.Name), ("Code", code), ("Text", inquiry.LastReply ?? ""), ("Business", business.Value.Name)));

    private string When(DateTimeOffset at, DateTimeOffset now, string? zoneId) =>
        PromisedTime.Describe(at, now, TimeZoneInfo.FindSystemTimeZoneById(zoneId ?? business.Value.TimeZone));

    /// <summary>An SMS; to a staff member with their own working hours (<paramref name="staffHours"/> by mobile), carrying them.</summary>
    private OutboxEntity Sms(
        IReadOnlyDictionary<string, string> staffHours, InquiryEntity inquiry, string step, string kind, string to, string? zone, string text, DateTimeOffset now,
        string? consent = null)
    {
        var row = Message(inquiry, step, kind, Channels.Sms, to, zone ?? business.Value.TimeZone, null, text, now);
        row.Consent = consent;
        row.RecipientHours = staffHours.GetValueOrDefault(to);
        return row;
    }

    /// <summary>
    /// A fixed id per step and promise (and per follow-up, which repeats within one promise): a second
    /// scanner taking the same step collides instead of sending twice.
    /// </summary>
    private static OutboxEntity Message(
        InquiryEntity inquiry, string step, string kind, string channel, string to, string? zone, string? subject, string body, DateTimeOffset now) =>
        InquiryRows.NewOutbox(
            inquiry.PartitionKey, step == Ladder.FollowUp ? $"{step}-{inquiry.Cycle}-{inquiry.FollowUps}" : $"{step}-{inquiry.Cycle}", kind, channel, to, subject, body, now, zone);


}
