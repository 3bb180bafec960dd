using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Reports;

/// <summary>The <c>WeeklySummary</c> timer function (hourly; it acts on Monday from 08:00, business time).</summary>
internal sealed class WeeklySummaryFunction(WeeklySummary summary)
{
    [Function("WeeklySummary")]
    public Task Run([TimerTrigger("%" + TimerOptions.WeeklySummarySetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        summary.SendIfDueAsync(cancellationToken);
}
