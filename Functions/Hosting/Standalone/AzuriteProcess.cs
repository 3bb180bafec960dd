using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FollowUp.Hosting.Standalone;

/// <summary>
/// Runs Azurite, the Azure Storage emulator, from the repo's own npm install (package.json at the
/// repo root pins it). Installs it with <c>npm ci</c> on first use. Used by standalone mode in
/// Development and by the test fixture, which asks for free ports and in-memory storage.
/// </summary>
internal sealed partial class AzuriteProcess : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    // The emulator's published, well-known development key; it opens nothing but a local emulator.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The emulator's default ports, which standalone Development uses.</summary>
    private const string DefaultPorts = "10000-10002";

    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>The folder holding package.json with Azurite, searched upwards from <paramref name="start"/>.</summary>
    public static string? FindToolsRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var manifest = Path.Combine(dir.FullName, "package.json");
            if (File.Exists(manifest) && File.ReadAllText(manifest).Contains("\"azurite\"", StringComparison.Ordinal))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// Starts Azurite. Ports of 0 pick free ports; <paramref name="location"/> null keeps data in memory.
    /// Returns once all three services listen. It accepts any storage API version unless
    /// <paramref name="checkApiVersion"/> (as a plain <c>azurite</c> does, refusing the SDK's newest).
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(
        string toolsRoot, string? location, int blobPort, int queuePort, int tablePort, ILogger logger, CancellationToken cancellationToken,
        bool checkApiVersion = false)
    {
        var script = Path.Combine(toolsRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            HostingLog.InstallingEmulator(logger, toolsRoot);
            await RunNpmCiAsync(toolsRoot, cancellationToken);
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = toolsRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in new[]
                 {
                     "--disableTelemetry", "--loose",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", blobPort.ToString(), "--queuePort", queuePort.ToString(), "--tablePort", tablePort.ToString(),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (!checkApiVersion)
        {
            start.ArgumentList.Add("--skipApiVersionCheck");
        }

        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for the storage emulator.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new StartupProblem(
                "Node.js was not found (node is not on PATH); the storage emulator (Azurite) runs on it. " +
                $"Install Node.js 20 or later, or start an Azure Storage emulator on ports {DefaultPorts} yourself (azurite --skipApiVersionCheck).");
        }

        var ports = new Dictionary<string, int>();
        var output = new List<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (ports)
            {
                output.Add(line);
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await Task.WhenAny(ready.Task, process.WaitForExitAsync(timeout.Token));
        }
        catch (OperationCanceledException)
        {
        }

        if (!ready.Task.IsCompleted)
        {
            Stop(process);
            string said;
            lock (ports)
            {
                said = string.Join(" | ", output.Where(line => line.Trim().Length > 0).TakeLast(5));
            }

            throw new StartupProblem($"the storage emulator (Azurite) did not start. It said: {said}");
        }

        return new AzuriteProcess(process, ports["Blob"], ports["Queue"], ports["Table"]);
    }

    public ValueTask DisposeAsync()
    {
        Stop(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task RunNpmCiAsync(string toolsRoot, CancellationToken cancellationToken)
    {
        var npm = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = toolsRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            npm.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(npm) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new StartupProblem(
                "the storage emulator (Azurite) is installed with npm, which was not found. Install Node.js 20 or later, " +
                $"or start an Azure Storage emulator on ports {DefaultPorts} yourself (azurite --skipApiVersionCheck).");
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new StartupProblem(
                    $"installing the storage emulator failed ('npm ci' in {toolsRoot}, exit code {process.ExitCode}): " +
                    (await stderr).ReplaceLineEndings(" ").Trim());
            }
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
