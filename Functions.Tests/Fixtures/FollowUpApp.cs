using System.Net.Http.Json;
using System.Security.Cryptography;
using FollowUp.Hosting.Standalone;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FollowUp.Tests.Fixtures;

/// <summary>
/// The real app on real Kestrel (a free port), against the fixture's Azurite, with its own table and
/// queue names, its own sink file, a <see cref="FakeTimeProvider"/> and captured logs.
/// Settings passed in override the test defaults.
/// </summary>
public sealed class FollowUpApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;
    private HttpClient? _client;

    /// <param name="prefix">Table and queue name prefix; pass an earlier app's to restart on its data.</param>
    public FollowUpApp(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, string? prefix = null)
    {
        Prefix = prefix ?? "t" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 10);
        Directory.CreateDirectory(WorkFolder);
        _settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            // What Kestrel binds is set below (a free loopback port); this tells the app so, instead of :7071.
            [WebHostDefaults.ServerUrlsKey] = "http://127.0.0.1:0",
            ["FollowUp:Storage:NamePrefix"] = Prefix,
            ["FollowUp:Queues:Notifications"] = Prefix + "notifications",
            ["FollowUp:LocalSink:Path"] = SinkPath,
            ["FollowUp:Business:Name"] = "Bright Side Plumbing",
            ["FollowUp:Business:TimeZone"] = "America/New_York",
            ["FollowUp:Intake:PermitsPerMinute"] = "10000",
            ["FollowUp:Queues:VisibilityTimeout"] = "00:00:00",
            ["FollowUp:Queues:MaxPollingInterval"] = "00:00:00.200",
            ["FollowUp:Delivery:RetryBaseDelay"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        // UseKestrel(port) rewrites the server's addresses after the app has started binding, which races
        // (dotnet/aspnetcore#67714); a Listen on loopback port 0 binds a free port without that race.
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public string Prefix { get; }

    /// <summary>
    /// Serve HTTP only and report the Functions host as the caller, as the worker does under the host:
    /// no queue listener or timers in this process, so queued messages stay queued.
    /// </summary>
    public bool AsUnderFunctionsHost { get; init; }

    /// <summary>The host environment; Development (the demo staff, raw local-sink lines) unless a test says otherwise.</summary>
    public string EnvironmentName { get; init; } = "Development";

    public string WorkFolder => Path.Combine(Path.GetTempPath(), "followup-tests", Prefix);

    public string SinkPath => Path.Combine(WorkFolder, "sent.jsonl");

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Every configuration key the app has read so far.</summary>
    public RecordingConfiguration ReadSettings { get; } = new();

    public SentMessages Sent => new(SinkPath);

    internal FollowUpStorage Storage => Services.GetRequiredService<FollowUpStorage>();

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The running server's address (Kestrel on a free loopback port).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();

            // Kestrel fills in the bound address as it binds, which may finish just after the host says it started.
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            SpinWait.SpinUntil(() => addresses.Count > 0, TimeSpan.FromSeconds(10));
            return new Uri(addresses.First());
        }
    }

    /// <summary>A plain HTTP client for the running server that does not follow redirects, so tests see 303s.</summary>
    public HttpClient Client()
    {
        _client ??= new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        return _client;
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields) =>
        await Client().PostAsync(path, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

    public async Task<HttpResponseMessage> PostJsonAsync(string path, object body) =>
        await Client().PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);

    /// <summary>One value of a redirect's query string (the thank-you link's <c>id</c> or <c>by</c>).</summary>
    public static string QueryValue(Uri location, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), location).Query)[name].Single()!;

    /// <summary>Whether the outbound gate holds texts to this number: STOP on its contact row, or the hashed mark kept for a number FollowUp has no row of.</summary>
    public async Task<bool> SmsOptedOutAsync(string phone) =>
        (await Storage.FindContactAsync(ContactEntity.PhoneKey(phone), TestContext.Current.CancellationToken))?.SmsOptedOut == true
        || (await Get<FollowUp.Core.ErasedMarks>().FlagsAsync(ContactEntity.PhoneKey(phone), TestContext.Current.CancellationToken)).SmsOptedOut;

    /// <summary>Posts JSON to an intake endpoint, expects 202, and returns the inquiry id.</summary>
    public async Task<string> SubmitAsync(object body, string path = "/api/inquiries")
    {
        var response = await PostJsonAsync(path, body);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);

        // Under the host the app leaves its tables and queues to the deployment; here nobody else makes them.
        if (AsUnderFunctionsHost)
        {
            _settings.TryAdd("FollowUp:Storage:CreateOnStart", "true");
        }

        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings).Add(ReadSettings));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddLogging(logging => logging.ClearProviders().AddFakeLogging(options => options.OutputSink = null).SetMinimumLevel(LogLevel.Debug));
            if (AsUnderFunctionsHost)
            {
                services.RemoveAll<HostingMode>();
                services.AddSingleton(HostingMode.FunctionsHost);
                foreach (var trigger in services.Where(s => s.ImplementationType is { } type
                    && (type == typeof(StandaloneQueueListener) || type == typeof(StandaloneTimers))).ToList())
                {
                    services.Remove(trigger);
                }
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync();
        try
        {
            Directory.Delete(WorkFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
