using Microsoft.Azure.Functions.Worker.Builder;

namespace FollowUp.Hosting.Worker;

/// <summary>
/// The app as an Azure Functions isolated worker: the host owns HTTP routing, queue leasing, timers,
/// scale-out and poison queues, and calls the <c>[Function]</c> classes, which call the same handlers
/// the standalone app runs.
/// </summary>
internal static class WorkerApp
{
    public static void Run(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.AddFollowUp(HostingMode.FunctionsHost);
        builder.AddWorkerTelemetry();
        using var app = builder.Build();
        StartupErrors.ValidateSettings(app.Services);
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            app.Run();
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The host sent WorkerTerminate while start-up work (tables, staff directory) was still running.
        }
    }
}
