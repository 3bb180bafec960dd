namespace FollowUp.Tests.Fixtures.FunctionsHost;

/// <summary>
/// The published app running as a worker under <see cref="FakeFunctionsHost"/>, initialized (indexed and
/// loaded), on the test run's Azurite with its own table and queue names and a fake Twilio; business
/// hours every day, so a one-minute window can lapse while a test waits.
/// </summary>
internal sealed class HostedWorker : IAsyncDisposable
{
    public const string Owner = "+12125550111";

    private HostedWorker(FakeFunctionsHost host, FakeTwilio twilio, FollowUpStorage storage)
    {
        Host = host;
        Twilio = twilio;
        Storage = storage;
    }

    public FakeFunctionsHost Host { get; }

    public FakeTwilio Twilio { get; }

    public FollowUpStorage Storage { get; }

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    /// <summary>Starts a worker; <paramref name="settings"/> (environment variables, <c>__</c> for <c>:</c>) override the defaults.</summary>
    public static async Task<HostedWorker> StartAsync(AzuriteFixture azurite, IDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var folder = await Published.FolderAsync();
        var twilio = await FakeTwilio.StartAsync();
        var prefix = "w" + Guid.NewGuid().ToString("N")[..10];
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["FollowUp__Storage__NamePrefix"] = prefix,
            ["FollowUp__Queues__Notifications"] = prefix + "notifications",
            ["FollowUp__Business__Name"] = "Bright Side Plumbing",
            ["FollowUp__Business__TimeZone"] = "UTC",
            ["FollowUp__QuietHours__Start"] = "00:00",
            ["FollowUp__QuietHours__End"] = "00:00",
            ["FollowUp__Windows__WebForm"] = "00:01:00",
            ["FollowUp__Ladder__ReminderLead"] = "00:01:00",
            ["FollowUp__Staff__0__Id"] = "kim",
            ["FollowUp__Staff__0__Name"] = "Kim Lee",
            ["FollowUp__Staff__0__Mobile"] = Owner,
            ["FollowUp__Staff__0__TimeZone"] = "UTC",
        };
        foreach (var day in Enum.GetNames<DayOfWeek>())
        {
            environment[$"FollowUp__Windows__Hours__{day}"] = "00:00-23:59";
            environment[$"FollowUp__Staff__0__Hours__{day}"] = "00:00-23:59";
        }

        foreach (var (key, value) in twilio.EnvironmentSettings())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        // Under the host the worker leaves its tables and queues to the deployment (infra/resources.bicep);
        // here the fixture makes them, as a deployment would have.
        var storage = azurite.StorageFor(environment["FollowUp__Storage__NamePrefix"]);
        await storage.EnsureCreatedAsync(cancellationToken);
        var host = await FakeFunctionsHost.StartAsync(folder, environment, cancellationToken);
        await host.InitializeAsync(cancellationToken);
        return new HostedWorker(host, twilio, storage);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
