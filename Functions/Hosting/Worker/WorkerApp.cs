using Microsoft.Azure.Functions.Worker.Builder;

namespace FollowUp.Hosting.Worker;

/// <summary>
/// The app as an Azure Functions isolated worker: the host owns HTTP routing, queue leasing, timers,
/// scale-out and poison queues, and calls the <c>[Function]</c> classes, which call the same handlers
/// the standalone app runs.
/// </summary>
/// <remarks>
/// A setting that makes no sense (an unresolved Key Vault reference, a missing provider key) stops the
/// app from starting, as in standalone mode, with one line on standard error. But under the host a worker
/// that exits is only restarted, and the health URL a monitor watches would answer nothing useful; so the
/// worker stays up refusing all work (<see cref="RefuseWhileMisconfigured"/>) and <c>/api/health</c>
/// answers 503 naming each setting. Nothing is lost meanwhile: queue messages fail back to the queue and
/// unfinished rows are queued again by the repair pass once the app starts properly.
/// </remarks>
internal static class WorkerApp
{
    public static void Run(string[] args)
    {
        try
        {
            RunWorker(args, problems: null);
        }
        catch (Exception ex) when (StartupErrors.SettingProblems(ex) is { Count: > 0 } problems)
        {
            StartupErrors.Report(problems);
            RunWorker(args, problems);
        }
    }

    private static void RunWorker(string[] args, IReadOnlyList<string>? problems)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        if (problems is null)
        {
            builder.AddFollowUp(HostingMode.FunctionsHost);
            builder.AddWorkerTelemetry();
        }
        else
        {
            builder.Services.AddSingleton(new ConfigurationProblems(problems));
            builder.UseMiddleware<RefuseWhileMisconfigured>();
        }

        using var app = builder.Build();
        if (problems is null)
        {
            StartupErrors.ValidateSettings(app.Services);
        }

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

/// <summary>Why the app did not start: each setting's problem, as on standard error.</summary>
internal sealed record ConfigurationProblems(IReadOnlyList<string> Problems);

internal sealed record MisconfiguredHealth(string Status, IReadOnlyList<string> Problems, DateTimeOffset CheckedAt);
