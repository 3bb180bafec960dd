namespace FollowUp.Reports;

internal static class ReportsExtensions
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SpeedToLead>();
        builder.Services.AddSingleton<WeeklySummary>();
        return builder;
    }
}
