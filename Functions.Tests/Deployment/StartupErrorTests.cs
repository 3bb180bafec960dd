using System.Diagnostics;
using FollowUp.Hosting.Standalone;
using FollowUp.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace FollowUp.Tests.Deployment;

/// <summary>A setting that makes no sense stops the published app with one clear line and exit code 1.</summary>
public sealed class StartupErrorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Bad_settings_stop_the_app_with_one_line_naming_each_setting_exit_code_1_and_no_stack_trace()
    {
        var (exitCode, said) = await RunPublishedAsync(new()
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["FollowUp__Intake__PermitsPerMinute"] = "0",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(said.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("FollowUp cannot start: ", line);
        Assert.Contains("FollowUp:Intake:PermitsPerMinute", line);
        Assert.Contains("FollowUp:Business:Name is required", line);
        Assert.DoesNotContain(" at ", line);
    }

    [Fact]
    public async Task A_port_already_in_use_stops_the_app_with_one_line_naming_the_port_and_exit_code_1()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var (exitCode, said) = await RunPublishedAsync(new()
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["FollowUp__Business__Name"] = "Bright Side Plumbing",
            ["ASPNETCORE_URLS"] = $"http://localhost:{port}",
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(said.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"FollowUp cannot start: port {port} ", line);
        Assert.Contains($"--urls http://localhost:{port + 1}", line);
        Assert.DoesNotContain(" at ", line);
    }

    [Fact]
    public async Task An_azurite_that_refuses_the_api_version_stops_the_app_with_one_line_naming_skipApiVersionCheck()
    {
        var root = Published.RepoRoot;
        await using var plain = await AzuriteProcess.StartAsync(
            root, location: null, 0, 0, 0, NullLogger.Instance, TestContext.Current.CancellationToken, checkApiVersion: true);

        var (exitCode, said) = await RunPublishedAsync(new()
        {
            ["AzureWebJobsStorage"] = plain.ConnectionString,
            ["FollowUp__Business__Name"] = "Bright Side Plumbing",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, exitCode);
        var line = OneProblemLine(said);
        Assert.Contains($"127.0.0.1:{plain.TablePort}", line);
        Assert.Contains("--skipApiVersionCheck", line);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_stops_the_app_with_one_line_naming_the_endpoint()
    {
        var port = ClosedPort.Next();

        var (exitCode, said) = await RunPublishedAsync(new()
        {
            ["AzureWebJobsStorage"] =
                $"DefaultEndpointsProtocol=http;AccountName={AzuriteProcess.AccountName};AccountKey={AzuriteProcess.AccountKey};" +
                $"TableEndpoint=http://127.0.0.1:{port}/{AzuriteProcess.AccountName};QueueEndpoint=http://127.0.0.1:{port}/{AzuriteProcess.AccountName};",
            ["FollowUp__Business__Name"] = "Bright Side Plumbing",
            ["FollowUp__Storage__RequestTries"] = "2",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, exitCode);
        var line = OneProblemLine(said);
        Assert.Contains($"storage at http://127.0.0.1:{port} does not answer", line);
        Assert.Contains("AzureWebJobsStorage", line);
    }

    [Fact]
    public async Task Node_missing_when_the_app_would_start_azurite_stops_it_with_one_line_naming_node()
    {
        // A content root with the app's settings whose package.json pins Azurite, as the repo's does, on a PATH without node.
        var root = Directory.CreateTempSubdirectory("followup-nonode-").FullName;
        foreach (var settings in Directory.GetFiles(await Published.FolderAsync(), "appsettings*.json"))
        {
            File.Copy(settings, Path.Combine(root, Path.GetFileName(settings)));
        }

        File.WriteAllText(Path.Combine(root, "package.json"), """{ "devDependencies": { "azurite": "3.37.0" } }""");
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src");
        Directory.CreateDirectory(script);
        File.WriteAllText(Path.Combine(script, "azurite.js"), "");
        Assert.False(await AnswersAsync(10002), "This test needs nothing listening on 127.0.0.1:10002 (the emulator's default table port).");

        var (exitCode, said) = await RunPublishedAsync(new()
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_CONTENTROOT"] = root,
            ["PATH"] = Path.Combine(root, "no-such-bin"),
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["FollowUp__Business__Name"] = "Bright Side Plumbing",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, exitCode);
        var line = OneProblemLine(said);
        Assert.Contains("Node.js was not found", line);
        Assert.Contains("Install Node.js 20 or later", line);
    }

    /// <summary>The one line a failed start prints on standard error, checked to carry no stack trace.</summary>
    private static string OneProblemLine(string said)
    {
        var lines = said.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Exception", StringComparison.Ordinal));
        return Assert.Single(lines, l => l.StartsWith("FollowUp cannot start: ", StringComparison.Ordinal));
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>Runs the published app in Production with these settings until it exits; its exit code and all it printed.</summary>
    private static async Task<(int ExitCode, string Said)> RunPublishedAsync(Dictionary<string, string> settings)
    {
        var folder = await Published.FolderAsync();
        var start = new ProcessStartInfo(DotnetPath(), [Path.Combine(folder, "FollowUp.Functions.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var app = Process.Start(start)!;
        var output = app.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = app.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await app.WaitForExitAsync(timeout.Token);
        return (app.ExitCode, (await output + await errors).Trim());
    }

    /// <summary>The dotnet that runs this test, found on this process's PATH (the app's own PATH may be changed).</summary>
    private static string DotnetPath() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(dir => Path.Combine(dir, "dotnet"))
                .FirstOrDefault(File.Exists) ?? "dotnet";
}
