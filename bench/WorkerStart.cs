using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Fixtures.FunctionsHost;

namespace FollowUp.Bench;

/// <summary>
/// How long the published worker takes, started as the Functions host starts it (under the fake host
/// speaking the real protocol), from process start to its first 202: what a cold Flex Consumption
/// instance adds to the first form post after a quiet spell.
/// </summary>
internal static class WorkerStart
{
    /// <summary>Publishes the app as the deploy does (<c>dotnet publish</c>, Release) into a temporary folder.</summary>
    public static async Task<string> PublishAsync(string root)
    {
        var output = Path.Combine(Path.GetTempPath(), "followup-bench-publish-" + Guid.NewGuid().ToString("N"));
        using var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(root, "Functions", "Functions.csproj"), "-c", "Release", "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var said = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        return publish.ExitCode == 0 ? output : throw new InvalidOperationException("dotnet publish failed: " + await said + await errors);
    }

    /// <summary>Milliseconds from starting the worker process to the 202 of its first form post.</summary>
    public static async Task<double> StartToFirst202Async(string folder, string connectionString, FakeTwilio twilio, string prefix)
    {
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["FollowUp__Storage__NamePrefix"] = prefix,
            ["FollowUp__Queues__Notifications"] = prefix + "notifications",
            ["FollowUp__Business__Name"] = "Bright Side Plumbing",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in twilio.EnvironmentSettings())
        {
            environment[key] = value;
        }

        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        await using var host = await FakeFunctionsHost.StartAsync(folder, environment, CancellationToken.None);
        await host.InitializeAsync(CancellationToken.None);
        var post = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries") { Content = JsonContent.Create(new { name = "Lee Park", email = "lee@example.com" }) };
        var (response, _) = await host.InvokeHttpAsync("SubmitInquiry", http, post, CancellationToken.None);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.Accepted
            ? elapsed
            : throw new InvalidOperationException($"The first post answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
