namespace FollowUp.Core;

/// <summary>
/// Queues again what intake stored but could not queue (implemented by outbox repair). The minute timer
/// that takes the ladder's steps runs it too, so a message whose queueing failed waits a minute at most
/// without a timer of its own to pay for.
/// </summary>
internal interface IOutboxRequeue
{
    Task<int> RequeueUnqueuedAsync(CancellationToken cancellationToken);
}
