using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using FollowUp.Hosting.Standalone;

namespace FollowUp.Bench;

/// <summary>
/// The real app on real Kestrel (a free loopback port), with the given settings layered over its own.
/// With <c>httpOnly</c> it serves HTTP only, as the worker does under the Functions host (no queue
/// listener, no timers); without, standalone (it also dispatches and scans).
/// </summary>
internal sealed class BenchApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private HttpClient? _client;

    private readonly bool _httpOnly;

    public BenchApp(IDictionary<string, string?> settings, string functionsFolder, bool httpOnly = false)
    {
        _httpOnly = httpOnly;
        _settings = new Dictionary<string, string?>(settings) { ["urls"] = "http://127.0.0.1:0" };
        // The app's content root (appsettings*.json, wwwroot): the Functions project folder.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_FOLLOWUP_FUNCTIONS", functionsFolder);
        // UseKestrel(port) rewrites the server's addresses after the app has started binding, which races
        // (dotnet/aspnetcore#67714); a Listen on loopback port 0 binds a free port without that race.
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            SpinWait.SpinUntil(() => addresses.Count > 0, TimeSpan.FromSeconds(10)); // filled in as Kestrel binds
            return new Uri(addresses.First());
        }
    }

    /// <summary>One client for the load: HTTP/1.1 keep-alive with enough connections for the concurrency used.</summary>
    public HttpClient Client() => _client ??= new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = BaseAddress };

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development"); // the demo staff: Dana on duty, Sam her manager
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        if (_httpOnly)
        {
            builder.ConfigureServices(services =>
            {
                foreach (var trigger in services.Where(s => s.ImplementationType == typeof(StandaloneQueueListener) || s.ImplementationType == typeof(StandaloneTimers)).ToList())
                {
                    services.Remove(trigger);
                }
            });
        }
    }

    public override async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync();
    }
}
