using Azure;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>Deleting many rows: a hundred to a transaction within each partition, a row already gone being no error.</summary>
internal static class TableDeletes
{
    private const int BatchSize = 100;

    /// <summary>Deletes every row of one partition.</summary>
    public static async Task DeletePartitionAsync(this TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        await table.DeleteRowsAsync(rows, cancellationToken);
    }

    public static async Task DeleteRowsAsync(this TableClient table, IEnumerable<ITableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var batch in partition.Chunk(BatchSize))
            {
                try
                {
                    await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 404)
                {
                    foreach (var row in batch)
                    {
                        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                    }
                }
            }
        }
    }
}
