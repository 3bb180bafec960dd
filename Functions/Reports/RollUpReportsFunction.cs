using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Reports;

/// <summary>The <c>RollUpReports</c> timer function (nightly): refreshes the rollups of the days that have not settled.</summary>
internal sealed class RollUpReportsFunction(SpeedToLead reports)
{
    [Function("RollUpReports")]
    public Task Run([TimerTrigger("%" + TimerOptions.RollUpReportsSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        reports.RollUpAsync(cancellationToken);
}
