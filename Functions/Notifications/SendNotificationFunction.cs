using FollowUp.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Notifications;

/// <summary>
/// The <c>SendNotification</c> queue function. Throwing fails the try: the message comes back after the
/// visibility timeout and, after the last try (host.json <c>maxDequeueCount</c>), goes to the poison queue.
/// </summary>
internal sealed class SendNotificationFunction(SendNotification notifications)
{
    [Function("SendNotification")]
    public Task Run(
        [QueueTrigger("%" + QueueOptions.NotificationsSetting + "%", Connection = "AzureWebJobsStorage")] string message,
        long dequeueCount,
        string id,
        CancellationToken cancellationToken) =>
        notifications.HandleAsync(new QueueInvocation(message, dequeueCount, id), cancellationToken);
}

/// <summary>One delivery of a queue message: its text and how many times it has been dequeued.</summary>
internal sealed record QueueInvocation(string MessageText, long DequeueCount, string? MessageId);
