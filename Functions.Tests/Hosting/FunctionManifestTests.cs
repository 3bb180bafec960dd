using System.Text.Json;
using FollowUp.Hosting;
using FollowUp.Tests.Fixtures;
using Microsoft.AspNetCore.Routing;

namespace FollowUp.Tests.Hosting;

/// <summary>
/// The publish output is what the Functions host loads: host.json, worker.config.json, the extensions
/// in .azurefunctions/, and functions.metadata, which the Worker SDK writes from the <c>[Function]</c>
/// attributes. The standalone app serves exactly the routes those functions declare.
/// </summary>
public sealed class FunctionManifestTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_output_holds_what_the_host_loads()
    {
        var publish = await Published.FolderAsync();

        Assert.True(File.Exists(Path.Combine(publish, "host.json")));
        Assert.True(File.Exists(Path.Combine(publish, "functions.metadata")));
        Assert.True(File.Exists(Path.Combine(publish, "FollowUp.Functions.dll")));
        Assert.True(File.Exists(Path.Combine(publish, ".azurefunctions", "function.deps.json")));
        Assert.True(File.Exists(Path.Combine(publish, "wwwroot", "staff", "index.html")));
        Assert.False(File.Exists(Path.Combine(publish, "local.settings.json")));
        using var worker = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(publish, "worker.config.json"), Ct));
        var description = worker.RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("FollowUp.Functions.dll", description.GetProperty("defaultWorkerPath").GetString());
        Assert.Empty(Directory.GetFiles(publish, "function.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_published_app_carries_no_development_settings()
    {
        var publish = await Published.FolderAsync();

        Assert.True(File.Exists(Path.Combine(publish, "appsettings.json")));
        Assert.Empty(Directory.GetFiles(publish, "appsettings.Development*.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Every_http_function_in_the_metadata_is_served_standalone_at_the_same_route_and_methods()
    {
        var publish = await Published.FolderAsync();
        await using var app = new FollowUpApp(azurite);
        app.Client();

        var declared = (from function in await MetadataAsync(publish)
                        let trigger = function.Trigger
                        where trigger.GetProperty("type").GetString() == "httpTrigger"
                        from method in trigger.GetProperty("methods").EnumerateArray()
                        select $"{method.GetString()!.ToUpperInvariant()} /{FunctionCatalog.RoutePrefix}/{trigger.GetProperty("route").GetString()} {trigger.GetProperty("authLevel").GetString()} {function.Name}").ToHashSet();
        var served = (from endpoint in app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                      from method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []
                      select $"{method} {endpoint.RoutePattern.RawText} Anonymous {endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName}").ToHashSet();

        Assert.Equal(38, (await MetadataAsync(publish)).Count);
        Assert.Equal(declared.Order(), served.Order());
    }

    [Fact]
    public async Task Queue_and_timer_triggers_name_their_settings_and_host_json_matches_the_standalone_queue()
    {
        var publish = await Published.FolderAsync();
        var functions = (await MetadataAsync(publish)).ToDictionary(f => f.Name, f => f.Trigger);
        using var host = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(publish, "host.json"), Ct));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");
        var defaults = new QueueOptions();

        Assert.Equal("queueTrigger", functions["SendNotification"].GetProperty("type").GetString());
        Assert.Equal($"%{QueueOptions.NotificationsSetting}%", functions["SendNotification"].GetProperty("queueName").GetString());
        Assert.Equal(FollowUpStorage.ConnectionSetting, functions["SendNotification"].GetProperty("connection").GetString());
        Assert.Equal($"%{TimerOptions.ScanDueWindowsSetting}%", functions["ScanDueWindows"].GetProperty("schedule").GetString());
        Assert.Equal($"%{TimerOptions.RepairOutboxSetting}%", functions["RepairOutbox"].GetProperty("schedule").GetString());
        Assert.Equal($"%{TimerOptions.PurgeExpiredSetting}%", functions["PurgeExpired"].GetProperty("schedule").GetString());
        Assert.Equal($"%{TimerOptions.WeeklySummarySetting}%", functions["WeeklySummary"].GetProperty("schedule").GetString());
        Assert.Equal($"%{TimerOptions.RollUpReportsSetting}%", functions["RollUpReports"].GetProperty("schedule").GetString());
        Assert.Equal(FunctionCatalog.RoutePrefix, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
        Assert.Equal(defaults.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(defaults.BatchSize, queues.GetProperty("batchSize").GetInt32());
        Assert.Equal(defaults.NewBatchThreshold, queues.GetProperty("newBatchThreshold").GetInt32());
        Assert.Equal(defaults.VisibilityTimeout, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!));
        Assert.Equal(defaults.MaxPollingInterval, TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!));
        // Intake writes base64 (FollowUpStorage's queue clients); the host must decode the same.
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }

    private static async Task<List<(string Name, JsonElement Trigger)>> MetadataAsync(string publish)
    {
        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(publish, "functions.metadata"), Ct));
        return [.. metadata.RootElement.EnumerateArray().Select(f => (
            f.GetProperty("name").GetString()!,
            f.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In").Clone()))];
    }
}
