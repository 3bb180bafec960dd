using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// The steps that follow a promise: remind the owner before it lapses, tell the owner when it has,
/// escalate to the owner's manager, then tell the prospect there is no news yet (with a new promise,
/// which starts the ladder again). Each step's due time counts from the inquiry's <c>RespondBy</c>.
/// </summary>
internal sealed class Ladder(IOptions<LadderOptions> options, BusinessCalendar calendar)
{
    public const string Remind = "remind";
    public const string Lapse = "lapse";
    public const string Escalate = "escalate";
    public const string NoNews = "no-news";

    /// <summary>After the promise was kept without reaching the prospect: remind the owner to try again.</summary>
    public const string FollowUp = "follow-up";

    /// <summary>The promise's steps that lapse, escalate or renew it: taking one means the promise was not kept.</summary>
    public static bool IsPastPromise(string step) => step is Lapse or Escalate or NoNews;

    /// <summary>The next follow-up reminder, <see cref="LadderOptions.FollowUpAfter"/> of business time after <paramref name="now"/>.</summary>
    public (string Step, DateTimeOffset Due) NextFollowUp(DateTimeOffset now) => (FollowUp, calendar.AddBusinessTime(now, options.Value.FollowUpAfter));

    /// <summary>The steps of the current promise, in order, with when each is due.</summary>
    public IReadOnlyList<(string Step, DateTimeOffset Due)> Steps(InquiryEntity inquiry)
    {
        var o = options.Value;
        return
        [
            .. new[]
            {
                (Remind, inquiry.RespondBy - o.ReminderLead),
                (Lapse, inquiry.RespondBy),
                (Escalate, inquiry.RespondBy + o.EscalateAfter),
                (NoNews, inquiry.RespondBy + o.NoNewsAfter),
            }
            .OrderBy(s => s.Item2),
        ];
    }

    public (string Step, DateTimeOffset Due) First(InquiryEntity inquiry) => Steps(inquiry)[0];

    /// <summary>The step after <paramref name="step"/>, or null when the ladder of this promise is done.</summary>
    public (string Step, DateTimeOffset Due)? After(InquiryEntity inquiry, string step)
    {
        var steps = Steps(inquiry);
        var index = steps.ToList().FindIndex(s => s.Step == step);
        return index >= 0 && index + 1 < steps.Count ? steps[index + 1] : null;
    }

    /// <summary>
    /// The step to take now: the latest one already due. After downtime the missed earlier steps are
    /// passed over, so nobody gets a burst of stale reminders.
    /// </summary>
    public (string Step, DateTimeOffset Due) Current(InquiryEntity inquiry, DateTimeOffset now)
    {
        if (inquiry.NextStep == FollowUp)
        {
            return (FollowUp, inquiry.NextDueAt ?? now);
        }

        var steps = Steps(inquiry).ToList();
        var latestDue = steps.FindLastIndex(s => s.Due <= now);
        var scheduled = steps.FindIndex(s => s.Step == inquiry.NextStep);
        return steps[Math.Max(Math.Max(latestDue, scheduled), 0)]; // never a step before the one scheduled
    }
}
