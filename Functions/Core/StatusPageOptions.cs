using System.ComponentModel.DataAnnotations;

namespace FollowUp.Core;

/// <summary>The prospect's status page (its link goes in every acknowledgment).</summary>
internal sealed class StatusPageOptions
{
    public const string SectionName = "FollowUp:StatusPage";

    /// <summary>How long after an inquiry closes its status link still opens the page; after that it answers 410.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan EndsAfterClose { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The actions (new time, detail, sorted) one link may post per hour; more are refused with 429.</summary>
    [Range(1, 1000)]
    public int ActionsPerHour { get; set; } = 10;

    /// <summary>How many business days ahead the prospect may pick a callback slot.</summary>
    [Range(1, 14)]
    public int SlotDays { get; set; } = 3;

    /// <summary>The business phone the page offers as a <c>tel:</c> link (E.164); none when empty.</summary>
    [RegularExpression(@"^\+[1-9][0-9]{6,14}$", ErrorMessage = "FollowUp:StatusPage:Phone must be an E.164 number such as +12125550100.")]
    public string? Phone { get; set; }

    /// <summary>A booking page (Cal.com, Calendly): the page offers "Book a time" when set.</summary>
    [Url(ErrorMessage = "FollowUp:StatusPage:BookingUrl must be an absolute http(s) URL.")]
    public string? BookingUrl { get; set; }
}
