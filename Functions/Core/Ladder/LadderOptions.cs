using System.ComponentModel.DataAnnotations;

namespace FollowUp.Core;

/// <summary>The reminder ladder, counted from an inquiry's promised time (its <c>RespondBy</c>).</summary>
internal sealed class LadderOptions
{
    public const string SectionName = "FollowUp:Ladder";

    /// <summary>How long before the promise the owner gets a reminder.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReminderLead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after the promise lapses the owner's manager (or the next on duty) is told.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after the promise lapses the prospect is told there is no news yet.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan NoNewsAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A prospect gets at most one "no news yet" update in this period; later slips only renew the promise.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan NoNewsPeriod { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// After an attempt that kept the promise without reaching the prospect (voicemail, no answer, an
    /// email), the owner is reminded to try again after this much business time, and again, until the
    /// prospect is reached or the inquiry is closed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:15:00", "7.00:00:00")]
    public TimeSpan FollowUpAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Whether escalating also makes the person escalated to the owner.</summary>
    public bool ReassignOnEscalation { get; set; }
}
