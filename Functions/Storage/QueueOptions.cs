using System.ComponentModel.DataAnnotations;

namespace FollowUp.Storage;

/// <summary>
/// Queue-trigger semantics for standalone mode. The defaults match host.json
/// (<c>extensions.queues</c>), so a message is treated the same whichever mode runs it.
/// </summary>
internal sealed class QueueOptions
{
    public const string SectionName = "FollowUp:Queues";

    /// <summary>The setting naming the notifications queue; the queue trigger reads it as <c>%FollowUp:Queues:Notifications%</c>.</summary>
    public const string NotificationsSetting = SectionName + ":Notifications";

    /// <summary>Tries before a message moves to the poison queue.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a failed message stays invisible before the next try.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between polls of an empty queue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages fetched at once.</summary>
    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    /// <summary>The next batch is fetched once no more than this many messages are still being handled.</summary>
    [Range(0, 1000)]
    public int NewBatchThreshold { get; set; } = 8;

    /// <summary>How long a fetched message stays hidden from other workers while it is handled.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan MessageLease { get; set; } = TimeSpan.FromMinutes(5);
}
