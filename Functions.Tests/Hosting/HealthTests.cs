using FollowUp.Hosting.Standalone;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace FollowUp.Tests.Hosting;

public sealed class HealthTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_reports_reachable_storage_and_queue_depth()
    {
        await using var app = new FollowUpApp(azurite) { AsUnderFunctionsHost = true };
        await app.PostJsonAsync("/api/inquiries", new { name = "Dana", email = "dana@example.com" });

        var response = await app.Client().GetAsync("/api/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("queueDepth").GetInt32());
        Assert.Equal(0, health.GetProperty("poisonDepth").GetInt32());
    }

    [Fact]
    public async Task Health_answers_503_when_storage_goes_away()
    {
        var root = AzuriteProcess.FindToolsRoot(AppContext.BaseDirectory)!;
        var storage = await AzuriteProcess.StartAsync(root, null, 0, 0, 0, NullLogger.Instance, Ct);
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString });
        var before = await app.Client().GetAsync("/api/health", Ct);

        await storage.DisposeAsync();
        var after = await app.Client().GetAsync("/api/health", Ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal("unhealthy", (await after.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
    }
}
