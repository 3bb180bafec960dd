using Microsoft.Azure.Functions.Worker;

namespace FollowUp.ResponseWindows;

/// <summary>
/// The <c>ScanDueWindows</c> timer function (every minute): takes the reminder-ladder steps that are due,
/// then has outbox repair queue what intake stored but could not queue.
/// </summary>
internal sealed class ScanDueWindows(LadderScan ladder, IOutboxRequeue outbox)
{
    [Function("ScanDueWindows")]
    public async Task Run([TimerTrigger("%" + TimerOptions.ScanDueWindowsSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await ladder.ScanOnceAsync(cancellationToken);
        await outbox.RequeueUnqueuedAsync(cancellationToken);
    }
}
