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
