using System.ComponentModel.DataAnnotations;

namespace FollowUp.Core;

/// <summary>How long personal data is kept (<c>FollowUp:Retention</c>).</summary>
internal sealed class RetentionOptions
{
    public const string SectionName = "FollowUp:Retention";

    /// <summary>
    /// Inquiries created longer ago than this are deleted with everything in them (timeline, messages,
    /// attempts) by the daily <c>PurgeExpired</c> timer; so is what is known about a phone number or
    /// address that has done nothing for as long (only a hashed STOP or suppression is kept).
    /// </summary>
    [Range(typeof(TimeSpan), "30.00:00:00", "3650.00:00:00")]
    public TimeSpan KeepInquiriesFor { get; set; } = TimeSpan.FromDays(730);

    /// <summary>SendGrid event ids are remembered this long to drop repeats; SendGrid retries an event for up to 72 hours.</summary>
    [Range(typeof(TimeSpan), "3.00:00:00", "90.00:00:00")]
    public TimeSpan KeepEventIdsFor { get; set; } = TimeSpan.FromDays(7);
}
