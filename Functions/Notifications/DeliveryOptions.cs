using System.ComponentModel.DataAnnotations;

namespace FollowUp.Notifications;

/// <summary>How the dispatcher treats providers' failures.</summary>
internal sealed class DeliveryOptions : IValidatableObject
{
    public const string SectionName = "FollowUp:Delivery";

    /// <summary>
    /// The longest <see cref="ProviderTimeout"/>: one provider call may take up to three times it (the
    /// pipeline's total, retries of lookups included), and that must end well within (half) the
    /// sending lease, so no send can still be running when another worker may take the row over.
    /// </summary>
    public static readonly TimeSpan MaxProviderTimeout = OutboxQueue.SendingLease / 6;

    /// <summary>Attempts per message before it is marked failed and moved to the poison queue.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first retry delay after a transient failure; doubled each attempt, with jitter, capped at an hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one provider call may take before its outcome counts as unknown.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Whether intake sends the acknowledgment itself right after storing it, rather than leaving it to
    /// the queue function alone. The queue message stays the safety net either way.
    /// </summary>
    public bool SendOnIntake { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ProviderTimeout > MaxProviderTimeout)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(ProviderTimeout)} {ProviderTimeout:c} is too long: it must be at most {MaxProviderTimeout:c}, so that a send " +
                $"(up to 3 times the timeout) ends well within the {OutboxQueue.SendingLease.TotalMinutes:0}-minute sending lease.",
                [nameof(ProviderTimeout)]);
        }
    }
}
