namespace FollowUp.Core;

internal static class CoreExtensions
{
    /// <summary>The shared vocabulary every feature may use: opt-outs and the marks of the erased, staff threads, reply addresses.</summary>
    public static IHostApplicationBuilder AddCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ErasedMarks>();
        builder.Services.AddSingleton<OptOuts>();
        builder.Services.AddSingleton<StaffThreads>();
        return builder;
    }
}
