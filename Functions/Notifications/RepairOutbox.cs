using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Notifications;

/// <summary>
/// The <c>RepairOutbox</c> timer function (every 10 minutes, acting at most hourly): queues again any message
/// of a kept inquiry left unfinished with nothing queued to finish it (see <see cref="OutboxRepair"/>).
/// </summary>
internal sealed class RepairOutbox(OutboxRepair repair)
{
    [Function("RepairOutbox")]
    public Task Run([TimerTrigger("%" + TimerOptions.RepairOutboxSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        repair.RepairStuckAsync(cancellationToken);
}
