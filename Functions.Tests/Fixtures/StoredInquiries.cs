using Azure.Data.Tables;

namespace FollowUp.Tests.Fixtures;

/// <summary>Reads an inquiry's rows straight from its partition, to check what was stored.</summary>
public static class StoredInquiries
{
    internal static async Task<InquiryEntity?> InquiryAsync(this FollowUpApp app, string id)
    {
        return await app.Storage.FindInquiryAsync(id, TestContext.Current.CancellationToken);
    }

    internal static Task<List<TimelineEventEntity>> TimelineAsync(this FollowUpApp app, string id) =>
        RowsAsync<TimelineEventEntity>(app, id, InquiryRows.EventPrefix);

    internal static Task<List<OutboxEntity>> OutboxAsync(this FollowUpApp app, string id) =>
        RowsAsync<OutboxEntity>(app, id, InquiryRows.OutboxPrefix);

    /// <summary>
    /// Waits until nothing more can be sent for these inquiries: each of their outbox rows is finished or
    /// deferred. Delivery never sends a finished row again (a queue message that still points at one is
    /// dropped), and every row is written before the request that made it is answered, so a test that
    /// shows a second send never happens waits on this instead of a fixed time.
    /// </summary>
    internal static Task SettledAsync(this FollowUpApp app, params string[] ids) =>
        Eventually.GetAsync(
            async () => (await Task.WhenAll(ids.Select(app.OutboxAsync))).SelectMany(rows => rows).ToList(),
            rows => rows.All(r => OutboxState.IsFinal(r.State) || r.State == OutboxState.Deferred),
            $"the messages of {string.Join(", ", ids)} to settle");

    internal static async Task<int> PartitionCountAsync(this FollowUpApp app) => (await app.InquiryIdsAsync()).Count;

    /// <summary>The ids of every stored inquiry (a repeat submission's answer carries a receipt id, not its inquiry's).</summary>
    internal static async Task<List<string>> InquiryIdsAsync(this FollowUpApp app)
    {
        var ids = new List<string>();
        await foreach (var row in app.Storage.Inquiries.QueryAsync<TableEntity>(
            InquiryRows.Headers(), select: ["PartitionKey"], cancellationToken: TestContext.Current.CancellationToken))
        {
            ids.Add(row.PartitionKey);
        }

        return ids;
    }

    private static async Task<List<T>> RowsAsync<T>(FollowUpApp app, string id, string prefix)
        where T : class, ITableEntity, new()
    {
        var rows = new List<T>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {prefix} and RowKey lt {InquiryRows.PrefixEnd(prefix)}");
        await foreach (var row in app.Storage.Inquiries.QueryAsync<T>(filter, cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
