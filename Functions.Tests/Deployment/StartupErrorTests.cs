using System.Diagnostics;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Deployment;

/// <summary>A setting that makes no sense stops the published app with one clear line and exit code 1.</summary>
public sealed class StartupErrorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Bad_settings_stop_the_app_with_one_line_naming_each_setting_exit_code_1_and_no_stack_trace()
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
        start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        start.Environment["FollowUp__Intake__PermitsPerMinute"] = "0";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        using var app = Process.Start(start)!;
        var output = app.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = app.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await app.WaitForExitAsync(timeout.Token);

        var said = (await output + await errors).Trim();
        Assert.Equal(1, app.ExitCode);
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
        var folder = await Published.FolderAsync();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "FollowUp.Functions.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        start.Environment["FollowUp__Business__Name"] = "Bright Side Plumbing";
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{port}";

        using var app = Process.Start(start)!;
        var output = app.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = app.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await app.WaitForExitAsync(timeout.Token);

        var said = (await output + await errors).Trim();
        Assert.Equal(1, app.ExitCode);
        var line = Assert.Single(said.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"FollowUp cannot start: port {port} ", line);
        Assert.Contains($"--urls http://localhost:{port + 1}", line);
        Assert.DoesNotContain(" at ", line);
    }
}
