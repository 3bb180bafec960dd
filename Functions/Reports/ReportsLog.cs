namespace FollowUp.Reports;

internal static partial class ReportsLog
{
    [LoggerMessage(9101, LogLevel.Warning, "The weekly summary to manager {ManagerId} was not sent ({Outcome})")]
    public static partial void SummaryNotSent(ILogger logger, string managerId, string outcome);
}
