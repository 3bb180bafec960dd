using FollowUp.Hosting.Standalone;
using System.Diagnostics;

namespace FollowUp.Tests.Fixtures;

/// <summary>
/// The app published once per test run with the deploy command docs/architecture.md names (<c>dotnet publish</c>),
/// which yields the folder the Functions host loads.
/// </summary>
public static class Published
{
    private static readonly Lazy<Task<string>> Output = new(PublishAsync);

    public static string RepoRoot => AzuriteProcess.FindToolsRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("No repo root (package.json) above the test output folder.");

    public static Task<string> FolderAsync() => Output.Value;

    /// <summary>Runs a command to completion and returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "followup-publish-" + Guid.NewGuid().ToString("N"));
        var (exitCode, said) = await RunAsync("dotnet", "publish", Path.Combine(RepoRoot, "Functions", "Functions.csproj"), "-o", output);
        Assert.True(exitCode == 0, "dotnet publish failed: " + said);
        return output;
    }
}
