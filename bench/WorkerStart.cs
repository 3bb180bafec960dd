using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
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
    /// <summary>The app, and the bare worker it is measured against.</summary>
    public static readonly (string Project, string Assembly) App = (Path.Combine("Functions", "Functions.csproj"), "FollowUp.Functions.dll");

    /// <inheritdoc cref="App"/>
    public static readonly (string Project, string Assembly) Bare = (Path.Combine("bench", "BareWorker", "BareWorker.csproj"), "BareWorker.dll");

    /// <summary>Publishes a worker as the deploy does (<c>dotnet publish</c>, Release) into a temporary folder.</summary>
    public static async Task<string> PublishAsync(string root, string project)
    {
        var output = Path.Combine(Path.GetTempPath(), "followup-bench-publish-" + Guid.NewGuid().ToString("N"));
        using var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(root, project), "-c", "Release", "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var said = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        return publish.ExitCode == 0 ? output : throw new InvalidOperationException("dotnet publish failed: " + await said + await errors);
    }

    /// <summary>
    /// From starting the worker process to the 202 of its first form post, with the milestones on the
    /// way: the worker's event stream open (runtime and app start), the host's init and function loads
    /// answered, and the first post answered.
    /// </summary>
    public static async Task<StartTimes> StartToFirst202Async(string folder, string assembly, string connectionString, FakeTwilio twilio, string prefix)
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

        // The deployment creates the tables and queues (infra/resources.bicep); a cold start finds them there.
        var storage = new FollowUpStorage(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = connectionString,
                ["FollowUp:Queues:Notifications"] = prefix + "notifications",
            }).Build(),
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { NamePrefix = prefix }));
        await storage.EnsureCreatedAsync(CancellationToken.None);

        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        await using var host = await FakeFunctionsHost.StartAsync(folder, environment, CancellationToken.None, assembly);
        var streamOpen = clock.Elapsed.TotalMilliseconds;
        await host.InitializeAsync(CancellationToken.None);
        var loaded = clock.Elapsed.TotalMilliseconds;
        var post = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries") { Content = JsonContent.Create(new { name = "Lee Park", email = "lee@example.com" }) };
        var (response, _) = await host.InvokeHttpAsync("SubmitInquiry", http, post, CancellationToken.None);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.Accepted
            ? new StartTimes(streamOpen, loaded, elapsed)
            : throw new InvalidOperationException($"The first post answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>Milliseconds from process start to each milestone of a cold start.</summary>
internal sealed record StartTimes(double StreamOpenMs, double LoadedMs, double First202Ms);
