using System.Net.Sockets;
using FollowUp.Hosting.Standalone;

namespace FollowUp.Hosting;

/// <summary>
/// Gets storage ready before anything uses it: in Development, standalone, with
/// <c>UseDevelopmentStorage=true</c> and no emulator answering, starts Azurite (and stops it on exit);
/// then creates the tables and queues, unless the deployment has (<see cref="StorageOptions.CreateOnStart"/>).
/// </summary>
internal sealed class StorageStartup(
    FollowUpStorage storage,
    Microsoft.Extensions.Options.IOptions<StorageOptions> options,
    HostingMode mode,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<StorageStartup> logger) : IHostedService, IAsyncDisposable
{
    private const int BlobPort = 10000;
    private const int QueuePort = 10001;
    private const int TablePort = 10002;

    private AzuriteProcess? _emulator;
    private Task? _started;

    /// <summary>
    /// Runs once: standalone calls it before the host starts (so a storage problem is one line, see
    /// <see cref="StorageProblems"/>), and the host's call then finds it done.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken) => _started ??= PrepareAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (mode.IsFunctionsHost)
        {
            HostingLog.WorkerMode(logger);
        }
        else
        {
            HostingLog.StandaloneMode(logger);
        }

        if (ShouldStartEmulator() && !await AnswersAsync(TablePort, cancellationToken))
        {
            var root = AzuriteProcess.FindToolsRoot(environment.ContentRootPath)
                ?? throw new StartupProblem(
                    "no storage answers on 127.0.0.1:10002 and no package.json with Azurite was found above " +
                    $"{environment.ContentRootPath}. Start an Azure Storage emulator, or set AzureWebJobsStorage to a storage account.");
            var location = Path.Combine(environment.ContentRootPath, ".followup", "azurite");
            _emulator = await AzuriteProcess.StartAsync(root, location, BlobPort, QueuePort, TablePort, logger, cancellationToken);
            HostingLog.EmulatorStarted(logger, location);
        }
        else if (ShouldStartEmulator())
        {
            HostingLog.EmulatorAlreadyRunning(logger, TablePort);
        }

        if (options.Value.CreateOnStart ?? !mode.IsFunctionsHost)
        {
            try
            {
                await storage.EnsureCreatedAsync(cancellationToken);
            }
            catch (Exception ex) when (StorageProblems.Explain(ex, storage.Inquiries.Uri) is { } problem)
            {
                throw new StartupProblem(problem);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Stopped on dispose, after the listeners that use it have stopped.
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    private bool ShouldStartEmulator() =>
        environment.IsDevelopment()
        && !mode.IsFunctionsHost
        && string.Equals(configuration[FollowUpStorage.ConnectionSetting]?.Trim(), "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
