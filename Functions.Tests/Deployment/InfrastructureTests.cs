using System.Reflection;
using System.Runtime.InteropServices;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Deployment;

/// <summary>infra/ must build to an ARM template and pass the Bicep linter with no errors or warnings.</summary>
public sealed class InfrastructureTests
{
    private static readonly string MainTemplate = Path.Combine(Published.RepoRoot, "infra", "main.bicep");

    [Fact]
    public async Task Bicep_builds_without_diagnostics()
    {
        var (exitCode, output) = await Published.RunAsync(Bicep(), "build", MainTemplate, "--stdout");

        Assert.True(exitCode == 0, output);
        Assert.Contains("\"$schema\"", output);
        Assert.DoesNotContain("Warning", output);
        Assert.DoesNotContain("Error", output);
    }

    [Fact]
    public async Task Bicep_lint_reports_nothing()
    {
        var (exitCode, output) = await Published.RunAsync(Bicep(), "lint", MainTemplate);

        Assert.True(exitCode == 0 && output.Trim().Length == 0, output);
    }

    [Fact]
    public async Task The_app_runs_on_flex_consumption_as_an_isolated_worker_reading_its_package_with_its_identity()
    {
        var (_, output) = await Published.RunAsync(Bicep(), "build", MainTemplate, "--stdout");
        using var template = System.Text.Json.JsonDocument.Parse(output);
        var text = template.RootElement.GetRawText();
        var parameters = template.RootElement.GetProperty("parameters");

        Assert.Contains("\"FC1\"", text);
        Assert.Contains("\"FlexConsumption\"", text);
        Assert.Contains("\"name\": \"dotnet-isolated\"", output);
        Assert.Contains("\"version\": \"10.0\"", output);
        Assert.Contains("\"type\": \"UserAssignedIdentity\"", output);
        Assert.Equal(512, parameters.GetProperty("instanceMemoryMB").GetProperty("defaultValue").GetInt32());
        Assert.Equal(0, parameters.GetProperty("alwaysReadyInstances").GetProperty("defaultValue").GetInt32());
        Assert.Equal(40, parameters.GetProperty("maximumInstanceCount").GetProperty("defaultValue").GetInt32());
        // Settings Flex Consumption refuses, and keys it must not need.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", output);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", output);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", output);
        Assert.DoesNotContain("AccountKey", output);
        // The settings the triggers name, which the host resolves.
        Assert.Contains("FollowUp__Queues__Notifications", output);
        Assert.Contains("FollowUp__Timers__ScanDueWindows", output);
        Assert.Contains("FollowUp__Timers__RepairOutbox", output);
    }

    /// <summary>The bicep binary from the Azure.Bicep.CommandLine.linux-x64 package, made executable.</summary>
    private static string Bicep()
    {
        Assert.SkipUnless(
            OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64,
            "The Bicep CLI package referenced here is for linux-x64.");
        var path = typeof(InfrastructureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        Assert.True(File.Exists(path), $"No bicep CLI at {path}; restore the test project.");
        // NuGet does not keep the executable bit when it extracts a package.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }
}
