using Microsoft.Extensions.Options;

namespace FollowUp.Hosting.Standalone;

/// <summary>
/// The app without the Functions host, as <c>dotnet run --project Functions</c> and the tests start it:
/// the same <c>[Function]</c> classes behind Kestrel on <see cref="HostingMode.StandaloneUrl"/> (routes
/// read from their triggers), a queue listener and timers with the host's semantics, and Azurite
/// started on demand in Development.
/// </summary>
internal static class StandaloneApp
{
    public static void Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(HostingMode.StandaloneUrl);
        }

        builder.AddFollowUp(HostingMode.Standalone);
        builder.Services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((options, trusted) => trusted.Value.ApplyTo(options));
        builder.Services.AddHostedService<StandaloneQueueListener>();
        builder.Services.AddHostedService<StandaloneTimers>();

        var app = builder.Build();
        StartupErrors.ValidateSettings(app.Services);
        PortCheck.EnsureFree(app.Configuration[WebHostDefaults.ServerUrlsKey] ?? HostingMode.StandaloneUrl);
        // Storage before the host starts: a problem with it is one line (StartupProblem), not the host's stack trace.
        app.Services.GetRequiredService<StorageStartup>().StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        app.UseForwardedHeaders();
        // Only what is not a function reaches these: an unknown route, a wrong method, a handler bug.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapFunctions(FunctionCatalog.Http);
        app.Run();
    }
}
