using Microsoft.Extensions.Options;

namespace FollowUp.ResponseWindows;

/// <summary>
/// What each ladder step says, and to whom: the owner's reminder, lapse notice and follow-ups, the
/// escalation to their manager (or the next person on duty), and the prospect's "no news yet" with a new
/// promise. Each message has a fixed id per step and promise, so a step taken twice collides instead of
/// sending twice.
/// </summary>
internal sealed class LadderMessages(
    BusinessCalendar calendar,
    QuietHours quietHours,
    MessageTemplates templates,
    SmsDestinations destinations,
    IOptions<ResponseWindowOptions> windows,
    IOptions<BusinessOptions> business,
    IOptions<LadderOptions> ladderOptions)
{
    /// <summary>The promise a "no news" step renews: a web form's window from now.</summary>
    public DateTimeOffset RenewedPromise(DateTimeOffset now) => calendar.AddBusinessTime(now, windows.Value.WebForm);

    /// <summary>What the step does: the timeline entry, and the messages to store with it.</summary>
    public (string Detail, List<OutboxEntity> Outbox) Compose(InquiryEntity inquiry, string step, DateTimeOffset now, IReadOnlyList<StaffEntity> people)
    {
        var code = IdGenerator.ShortCode(inquiry.Id);
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
        var newPromise = RenewedPromise(now);
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
        TimeInWords.Describe(at, now, TimeZoneInfo.FindSystemTimeZoneById(zoneId ?? business.Value.TimeZone));

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
            inquiry.Id, step == Ladder.FollowUp ? $"{step}-{inquiry.Cycle}-{inquiry.FollowUps}" : $"{step}-{inquiry.Cycle}", kind, channel, to, subject, body, now, zone);
}
