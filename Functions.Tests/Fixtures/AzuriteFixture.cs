using FollowUp.Hosting.Standalone;
using FollowUp.Hosting;
using FollowUp.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

[assembly: AssemblyFixture(typeof(FollowUp.Tests.Fixtures.AzuriteFixture))]

namespace FollowUp.Tests.Fixtures;

/// <summary>
/// One Azurite for the test run, on free ports with in-memory storage, started from the repo's
/// pinned npm install (installed on first use). Tests never touch a developer's own emulator;
/// each test app isolates itself with its own table and queue name prefix.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not running.");

    public int TablePort => _azurite!.TablePort;

    public int QueuePort => _azurite!.QueuePort;

    /// <summary>The app's tables and queues under a name prefix, straight on the emulator: to read what an app or worker stored.</summary>
    internal FollowUpStorage StorageFor(string prefix) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = ConnectionString,
            ["FollowUp:Queues:Notifications"] = prefix + "notifications",
        }).Build(),
        Options.Create(new StorageOptions { NamePrefix = prefix }));

    public async ValueTask InitializeAsync()
    {
        var root = AzuriteProcess.FindToolsRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("No package.json with Azurite above the test output folder.");
        _azurite = await AzuriteProcess.StartAsync(root, location: null, 0, 0, 0, NullLogger.Instance, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
