namespace FollowUp.ResponseWindows;

internal static class ResponseWindowsExtensions
{
    public static IHostApplicationBuilder AddResponseWindows(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LadderMessages>();
        builder.Services.AddSingleton<LadderScan>();
        return builder;
    }
}
