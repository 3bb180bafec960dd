using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Notifications;

/// <summary>
/// The <c>SendNotification</c> queue function. Throwing fails the try: the message comes back after the
/// visibility timeout and, after the last try (host.json <c>maxDequeueCount</c>), goes to the poison queue.
/// </summary>
internal sealed class SendNotification(OutboxDelivery delivery)
{
    [Function("SendNotification")]
    public Task Run(
        [QueueTrigger("%" + QueueOptions.NotificationsSetting + "%", Connection = "AzureWebJobsStorage")] string message,
        long dequeueCount,
        string id,
        CancellationToken cancellationToken) =>
        delivery.HandleAsync(new QueueInvocation(message, dequeueCount, id), cancellationToken);
}
