using Azure.Data.Tables;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Hosting;

/// <summary>Who makes the tables and queues: the app standalone, the deployment under the Functions host.</summary>
public sealed class StorageStartupTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Standalone_the_app_creates_its_tables_and_queues_when_it_starts()
    {
        await using var app = new FollowUpApp(azurite);
        app.Client();

        Assert.Equal(["Contacts", "DueIndex", "Inquiries", "Runtime", "Staff"], await TablesAsync(app.Prefix));
        Assert.True((await app.Storage.Notifications.ExistsAsync(Ct)).Value);
        Assert.True((await app.Storage.NotificationsPoison.ExistsAsync(Ct)).Value);
    }

    [Fact]
    public async Task Under_the_Functions_host_a_cold_start_leaves_them_to_the_deployment()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Storage:CreateOnStart"] = null }) { AsUnderFunctionsHost = true };
        app.Client();

        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.StartsWith("Isolated worker mode", StringComparison.Ordinal));
        Assert.Empty(await TablesAsync(app.Prefix));
        Assert.False((await app.Storage.Notifications.ExistsAsync(Ct)).Value);
    }

    [Fact]
    public async Task Under_the_Functions_host_CreateOnStart_makes_them_all_the_same()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Storage:CreateOnStart"] = "true" }) { AsUnderFunctionsHost = true };
        app.Client();

        Assert.Equal(5, (await TablesAsync(app.Prefix)).Count);
        Assert.True((await app.Storage.Notifications.ExistsAsync(Ct)).Value);
    }

    /// <summary>The app's table names under its prefix, without the prefix, in order.</summary>
    private async Task<List<string>> TablesAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var table in new TableServiceClient(azurite.ConnectionString).QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0, cancellationToken: Ct))
        {
            names.Add(table.Name[prefix.Length..]);
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }
}
