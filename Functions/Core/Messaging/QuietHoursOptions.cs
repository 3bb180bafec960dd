namespace FollowUp.Core;

/// <summary>When prospects are not texted, in their own time zone.</summary>
internal sealed class QuietHoursOptions
{
    public const string SectionName = "FollowUp:QuietHours";

    /// <summary>Local time quiet hours begin.</summary>
    public TimeOnly Start { get; set; } = new(21, 0);

    /// <summary>Local time quiet hours end.</summary>
    public TimeOnly End { get; set; } = new(8, 0);

    /// <summary>Whether the acknowledgment a prospect just asked for also waits for morning.</summary>
    public bool IncludeAcknowledgments { get; set; }
}
