using System.ComponentModel.DataAnnotations;
using Cronos;

namespace FollowUp.Core;

/// <summary>
/// Schedules of the timer functions, as six-field CRON expressions (seconds first, UTC). The timer
/// triggers read them as <c>%FollowUp:Timers:…%</c>, so the host and the standalone runner use one value.
/// </summary>
internal sealed class TimerOptions : IValidatableObject
{
    public const string SectionName = "FollowUp:Timers";
    public const string ScanDueWindowsSetting = SectionName + ":" + nameof(ScanDueWindows);
    public const string RepairOutboxSetting = SectionName + ":" + nameof(RepairOutbox);
    public const string PurgeExpiredSetting = SectionName + ":" + nameof(PurgeExpired);
    public const string WeeklySummarySetting = SectionName + ":" + nameof(WeeklySummary);
    public const string RollUpReportsSetting = SectionName + ":" + nameof(RollUpReports);

    public string ScanDueWindows { get; set; } = "";

    public string RepairOutbox { get; set; } = "";

    public string PurgeExpired { get; set; } = "";

    public string WeeklySummary { get; set; } = "";

    public string RollUpReports { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (setting, value) in new[] { (ScanDueWindowsSetting, ScanDueWindows), (RepairOutboxSetting, RepairOutbox), (PurgeExpiredSetting, PurgeExpired), (WeeklySummarySetting, WeeklySummary), (RollUpReportsSetting, RollUpReports) })
        {
            if (!CronExpression.TryParse(value, CronFormat.IncludeSeconds, out _))
            {
                yield return new ValidationResult($"{setting} '{value}' is not a six-field CRON expression such as '0 * * * * *'.", [setting]);
            }
        }
    }
}
