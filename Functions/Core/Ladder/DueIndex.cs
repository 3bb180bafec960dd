using Azure;
using Azure.Data.Tables;

namespace FollowUp.Core;

internal sealed class DueIndex(FollowUpStorage storage)
{
    public Task ScheduleAsync(DueEntry entry, CancellationToken cancellationToken) =>
        storage.DueIndex.UpsertEntityAsync(entry, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Every entry due by <paramref name="now"/>: one range query over the past minutes' partitions.</summary>
    public IAsyncEnumerable<DueEntry> DueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        storage.DueIndex.QueryAsync<DueEntry>(TableClient.CreateQueryFilter($"PartitionKey le {DueEntry.Bucket(now)}"), cancellationToken: cancellationToken);

    public async Task RemoveAsync(DueEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await storage.DueIndex.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Another scanner removed it first.
        }
    }
}
