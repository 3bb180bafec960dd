using System.ComponentModel.DataAnnotations;
using Cronos;
using FollowUp.Notifications;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Windows;

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

/// <summary>
/// The <c>ScanDueWindows</c> timer function (every minute): takes the reminder-ladder steps that are
/// due, and queues outbox messages that intake stored but could not queue.
/// </summary>
internal sealed class ScanDueWindows(LadderScan ladder, OutboxSweep outboxSweep)
{
    [Function("ScanDueWindows")]
    public async Task Run([TimerTrigger("%" + TimerOptions.ScanDueWindowsSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await ladder.ScanOnceAsync(cancellationToken);
        await outboxSweep.SweepOnceAsync(cancellationToken);
    }
}

/// <summary>
/// The <c>RepairOutbox</c> timer function: at most hourly, queues again any message of a kept inquiry
/// left unfinished with nothing queued to finish it (its queue message went to the poison queue).
/// </summary>
internal sealed class RepairOutbox(OutboxSweep outboxSweep)
{
    [Function("RepairOutbox")]
    public Task Run([TimerTrigger("%" + TimerOptions.RepairOutboxSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        outboxSweep.RepairOnceAsync(cancellationToken);
}

internal static class WindowsExtensions
{
    public static IHostApplicationBuilder AddWindows(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ResponseWindowOptions>().BindConfiguration(ResponseWindowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<TimerOptions>().BindConfiguration(TimerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LadderOptions>().BindConfiguration(LadderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<BusinessCalendar>();
        builder.Services.AddSingleton<Ladder>();
        builder.Services.AddSingleton<DueIndex>();
        builder.Services.AddSingleton<LadderScan>();
        return builder;
    }
}
