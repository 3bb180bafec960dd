using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Deployment;

/// <summary>
/// Starts the published executable exactly as the Functions host does (its folder as working directory,
/// FUNCTIONS_CUSTOMHANDLER_PORT set, settings as environment variables), waits until it answers, then
/// forwards an HTTP request and invokes the queue and timer functions with host-shaped payloads.
/// </summary>
public sealed class PublishedExecutableTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Published_executable_serves_the_host_over_its_custom_handler_port()
    {
        var folder = await Published.FolderAsync();
        Assert.True(File.Exists(Path.Combine(folder, "libcoreclr.so")), "the publish output should be self-contained");
        var port = FreePort();
        var prefix = "p" + Guid.NewGuid().ToString("N")[..10];
        var sink = Path.Combine(Path.GetTempPath(), prefix + "-sent.jsonl");
        var start = new ProcessStartInfo(Path.Combine(folder, "FollowUp.Functions"))
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(),
                ["FUNCTIONS_WORKER_RUNTIME"] = "custom",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["FollowUp__Storage__NamePrefix"] = prefix,
                ["FollowUp__Business__Name"] = "Bright Side Plumbing",
                ["FollowUp__LocalSink__Path"] = sink,
            },
        };
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilReadyAsync(client, process, output);

            var submitted = await client.PostAsJsonAsync("/api/inquiries", new { name = "Dana", email = "dana@example.com" }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

            var queue = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })
                .GetQueueClient(prefix + "notifications");
            var message = (await queue.ReceiveMessageAsync(cancellationToken: Ct)).Value;
            var queueInvocation = new JsonObject
            {
                ["Data"] = new JsonObject { ["message"] = message.Body.ToString() },
                ["Metadata"] = new JsonObject { ["DequeueCount"] = "1", ["Id"] = JsonSerializer.Serialize(message.MessageId) },
            };
            var sent = await client.PostAsync("/SendNotification", new StringContent(queueInvocation.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            Assert.Single(new SentMessages(sink).For(id));

            var timerInvocation = """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"ScanDueWindows"}}}""";
            var scanned = await client.PostAsync("/ScanDueWindows", new StringContent(timerInvocation, Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.OK, scanned.StatusCode);
            var health = await client.GetFromJsonAsync<JsonElement>("/api/health", Ct);
            Assert.NotEqual(JsonValueKind.Null, health.GetProperty("lastScanAt").ValueKind);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Ct);
            File.Delete(sink);
        }
    }

    /// <summary>The host gives a custom handler 60 seconds to start answering; so does this test.</summary>
    private static async Task WaitUntilReadyAsync(HttpClient client, Process process, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(process.HasExited, "The executable exited: " + output);
            try
            {
                if ((await client.GetAsync("/api/health", Ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "The executable did not answer within 60 s: " + output);
            await Task.Delay(100, Ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
