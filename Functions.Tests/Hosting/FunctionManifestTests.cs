using System.Text.Json;
using FollowUp.Hosting;
using FollowUp.Storage;
using FollowUp.Tests.Fixtures;
using FollowUp.Windows;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace FollowUp.Tests.Hosting;

/// <summary>
/// The publish output is what the Functions host loads: host.json, and one function.json per function.
/// Every function there must be served by the app, and every endpoint the app serves must be a function.
/// </summary>
public sealed class FunctionManifestTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_function_json_maps_to_a_served_endpoint_and_every_endpoint_to_a_function()
    {
        var publish = await Published.FolderAsync();
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { [HostingMode.PortSetting] = "7999" });
        app.Client();

        var declared = FunctionsIn(publish).SelectMany(f => f.Routes).ToHashSet();
        var served = ServedRoutes(app).ToHashSet();

        Assert.NotEmpty(declared);
        Assert.Equal(declared.Order(), served.Order());
    }

    [Fact]
    public async Task Http_functions_that_browsers_post_to_accept_cors_preflight()
    {
        var publish = await Published.FolderAsync();
        await using var app = new FollowUpApp(azurite);
        app.Client();
        var corsRoutes = Endpoints(app).Where(e => e.Metadata.GetMetadata<ICorsMetadata>() is not null).Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToHashSet();

        var preflighted = FunctionsIn(publish).Where(f => f.Methods.Contains("options")).Select(f => f.Path).ToHashSet();

        Assert.Equal(corsRoutes.Order(), preflighted.Order());
    }

    [Fact]
    public async Task Host_json_runs_the_published_executable_with_the_standalone_queue_semantics()
    {
        var publish = await Published.FolderAsync();
        using var host = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(publish, "host.json"), TestContext.Current.CancellationToken));
        var root = host.RootElement;
        var handler = root.GetProperty("customHandler");
        var queues = root.GetProperty("extensions").GetProperty("queues");
        var defaults = new QueueOptions();

        Assert.True(File.Exists(Path.Combine(publish, handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString()!)));
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        // No prefix: each function's route is its full path, so the staff page can live at /staff.
        Assert.Equal("", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal(defaults.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(defaults.BatchSize, queues.GetProperty("batchSize").GetInt32());
        Assert.Equal(defaults.NewBatchThreshold, queues.GetProperty("newBatchThreshold").GetInt32());
        Assert.Equal(defaults.VisibilityTimeout, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!));
        Assert.Equal(defaults.MaxPollingInterval, TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!));
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }

    [Fact]
    public async Task Queue_and_timer_bindings_match_what_the_standalone_runner_uses()
    {
        var publish = await Published.FolderAsync();
        var functions = FunctionsIn(publish).ToDictionary(f => f.Name);

        var queue = functions["SendNotification"].Trigger;
        Assert.Equal("queueTrigger", queue.GetProperty("type").GetString());
        Assert.Equal(FollowUpStorage.NotificationsQueue, queue.GetProperty("queueName").GetString());
        Assert.Equal(FunctionInvocationApi.QueueTriggerBinding, queue.GetProperty("name").GetString());
        Assert.Equal(FollowUpStorage.ConnectionSetting, queue.GetProperty("connection").GetString());

        var timer = functions["ScanDueWindows"].Trigger;
        Assert.Equal("timerTrigger", timer.GetProperty("type").GetString());
        Assert.Equal(new TimerOptions().ScanDueWindows, timer.GetProperty("schedule").GetString());
    }

    private static IEnumerable<RouteEndpoint> Endpoints(FollowUpApp app) =>
        app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static IEnumerable<string> ServedRoutes(FollowUpApp app) =>
        from endpoint in Endpoints(app)
        from method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []
        select $"{method} /{endpoint.RoutePattern.RawText!.Trim('/')}"; // routing treats "/x/" and "/x" alike

    private static IEnumerable<DeclaredFunction> FunctionsIn(string publish) =>
        from file in Directory.GetFiles(publish, "function.json", SearchOption.AllDirectories)
        let name = Path.GetFileName(Path.GetDirectoryName(file))!
        let trigger = JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "in")
        select new DeclaredFunction(name, trigger);

    private sealed record DeclaredFunction(string Name, JsonElement Trigger)
    {
        public string[] Methods =>
            Trigger.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant())] : [];

        public string Path => "/" + Trigger.GetProperty("route").GetString();

        /// <summary>What the host calls on the app: forwarded HTTP routes, or POST /{Name} for other triggers.</summary>
        public IEnumerable<string> Routes => Trigger.GetProperty("type").GetString() == "httpTrigger"
            ? Methods.Where(m => m != "options").Select(m => $"{m.ToUpperInvariant()} {Path}")
            : [$"POST /{Name}"];
    }
}
