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

    [Fact]
    public async Task Azure_defaults_are_safe_providers_are_chosen_publishing_needs_entra_id_and_secrets_survive_deletion()
    {
        var (_, output) = await Published.RunAsync(Bicep(), "build", MainTemplate, "--stdout");
        using var template = System.Text.Json.JsonDocument.Parse(output);
        var parameters = template.RootElement.GetProperty("parameters");
        // The resources of main.bicep and of its module (a nested deployment's template).
        var resources = template.RootElement.GetProperty("resources").EnumerateArray()
            .SelectMany(r => r.TryGetProperty("properties", out var p) && p.TryGetProperty("template", out var inner)
                ? inner.GetProperty("resources").EnumerateArray()
                : Enumerable.Repeat(r, 1))
            .ToList();

        // No provider is assumed: a deployment left on the local sink would send nothing.
        Assert.False(parameters.GetProperty("smsProvider").TryGetProperty("defaultValue", out _));
        Assert.False(parameters.GetProperty("emailProvider").TryGetProperty("defaultValue", out _));
        var vault = Assert.Single(resources, r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults");
        Assert.True(vault.GetProperty("properties").GetProperty("enablePurgeProtection").GetBoolean());
        var publishing = resources.Where(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, publishing.Count);
        Assert.All(publishing, p => Assert.False(p.GetProperty("properties").GetProperty("allow").GetBoolean()));
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
