using System.ComponentModel.DataAnnotations;

namespace FollowUp.Storage;

/// <summary>Where FollowUp keeps its tables and queues.</summary>
internal sealed class StorageOptions
{
    public const string SectionName = "FollowUp:Storage";

    /// <summary>
    /// Prepended to every table name, so several apps (or test runs) can share one account (the queue
    /// is named by <c>FollowUp:Queues:Notifications</c>, which its trigger reads).
    /// Letters and digits only, because table names allow nothing else.
    /// </summary>
    [RegularExpression("^[a-z][a-z0-9]{0,19}$|^$", ErrorMessage = "FollowUp:Storage:NamePrefix must be empty or up to 20 lowercase letters and digits, starting with a letter.")]
    public string NamePrefix { get; set; } = "";

    /// <summary>
    /// The longest one storage request may take before it counts as failed and is tried again (the SDK's
    /// network timeout; its default is 100 s). With <see cref="RequestTries"/> this bounds every storage
    /// call, so storage that hangs rather than fails still gets a 503 in well under a minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries per storage call, the first included (the SDK's retries plus one; at least two, so a timed-out try is always reported as the SDK's "retry failed").</summary>
    [Range(2, 5)]
    public int RequestTries { get; set; } = 3;

    /// <summary>
    /// Whether the app creates its tables and queues when it starts. Unset: yes when it runs standalone,
    /// no under the Functions host, where the deployment (<c>infra/resources.bicep</c>) has created them
    /// and a cold instance should not spend its first second asking for them again.
    /// </summary>
    public bool? CreateOnStart { get; set; }

    /// <summary>How long an outbox row may stay queued before the sweep enqueues it again.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan OutboxGracePeriod { get; set; } = TimeSpan.FromMinutes(2);
}
