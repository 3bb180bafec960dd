using System.ComponentModel.DataAnnotations;

namespace FollowUp.Windows;

/// <summary>How soon the business promises to respond, by kind of inquiry.</summary>
internal sealed class ResponseWindowOptions
{
    public const string SectionName = "FollowUp:Windows";

    /// <summary>Web forms and landing pages.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan WebForm { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Referred prospects.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Referral { get; set; } = TimeSpan.FromHours(1);
}
