using System.Diagnostics;
using FollowUp.Tests.Fixtures;

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

    /// <summary>Runs the published app in Production with these settings until it exits; its exit code and all it printed.</summary>
    private static async Task<(int ExitCode, string Said)> RunPublishedAsync(Dictionary<string, string> settings)
    {
        var folder = await Published.FolderAsync();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "FollowUp.Functions.dll")])
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
}
