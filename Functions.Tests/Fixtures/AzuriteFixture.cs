using FollowUp.Hosting.Standalone;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

[assembly: AssemblyFixture(typeof(FollowUp.Tests.Fixtures.AzuriteFixture))]

namespace FollowUp.Tests.Fixtures;

/// <summary>
/// One Azurite for the test run, on free ports with in-memory storage, started from the repo's
/// pinned npm install (installed on first use) when a test first needs storage: a run of the fast tier
/// alone (<c>--filter-trait "Category=Unit"</c>) starts no Node at all. Tests never touch a developer's own
/// emulator; each test app isolates itself with its own table and queue name prefix.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Started off the test framework's synchronization context, which a blocked caller would otherwise hold up.
    private readonly Lazy<Task<AzuriteProcess>> _azurite = new(() => Task.Run(StartAsync));

    public string ConnectionString => Azurite.ConnectionString;

    public int TablePort => Azurite.TablePort;

    public int QueuePort => Azurite.QueuePort;

    private AzuriteProcess Azurite => _azurite.Value.GetAwaiter().GetResult();

    /// <summary>The app's tables and queues under a name prefix, straight on the emulator: to read what an app or worker stored.</summary>
    internal FollowUpStorage StorageFor(string prefix) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = ConnectionString,
            ["FollowUp:Queues:Notifications"] = prefix + "notifications",
        }).Build(),
        Options.Create(new StorageOptions { NamePrefix = prefix }));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private static async Task<AzuriteProcess> StartAsync()
    {
        var root = AzuriteProcess.FindToolsRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("No package.json with Azurite above the test output folder.");
        return await AzuriteProcess.StartAsync(root, location: null, 0, 0, 0, NullLogger.Instance, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite.IsValueCreated)
        {
            await (await _azurite.Value).DisposeAsync();
        }
    }
}
