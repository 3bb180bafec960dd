using System.ComponentModel.DataAnnotations;

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
