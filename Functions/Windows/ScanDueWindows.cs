using System.ComponentModel.DataAnnotations;
using Cronos;
using FollowUp.Hosting;
using FollowUp.Notifications;
using Microsoft.Extensions.Options;

namespace FollowUp.Windows;

/// <summary>Schedules of the timer functions, as six-field CRON expressions (seconds first, UTC).</summary>
internal sealed class TimerOptions : IValidatableObject
{
    public const string SectionName = "FollowUp:Timers";

    /// <summary>Must equal the schedule in ScanDueWindows/function.json, which the Functions host uses.</summary>
    public string ScanDueWindows { get; set; } = "0 * * * * *";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CronExpression.TryParse(ScanDueWindows, CronFormat.IncludeSeconds, out _))
        {
            yield return new ValidationResult(
                $"FollowUp:Timers:ScanDueWindows '{ScanDueWindows}' is not a six-field CRON expression such as '0 * * * * *'.",
                [nameof(ScanDueWindows)]);
        }
    }
}

/// <summary>
/// The <c>ScanDueWindows</c> timer function (every minute): takes the reminder-ladder steps that are
/// due, queues outbox messages that intake stored but could not queue, and (hourly) any message left
/// unfinished with nothing queued to finish it.
/// </summary>
internal sealed class ScanDueWindows(LadderScan ladder, OutboxSweep outboxSweep, IOptions<TimerOptions> options) : ITimerFunction
{
    public string Name => "ScanDueWindows";

    public string Schedule => options.Value.ScanDueWindows;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await ladder.ScanOnceAsync(cancellationToken);
        await outboxSweep.SweepOnceAsync(cancellationToken);
        await outboxSweep.RepairOnceAsync(cancellationToken);
    }
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
        builder.Services.AddSingleton<ITimerFunction, ScanDueWindows>();
        return builder;
    }
}
