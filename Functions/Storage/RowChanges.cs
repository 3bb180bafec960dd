using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>
/// What a read-change-save step decided: stop with a result and write nothing, or save the row (added
/// when it is new, else replaced or merged under its ETag) with other actions of the same partition,
/// in one transaction.
/// </summary>
internal readonly record struct RowChange<TEntity, TResult>(TResult Result, TEntity? Row, IReadOnlyList<TableTransactionAction> Also)
    where TEntity : class, ITableEntity
{
    public static RowChange<TEntity, TResult> Stop(TResult result) => new(result, null, []);

    public static RowChange<TEntity, TResult> Save(TEntity row, TResult result, params IEnumerable<TableTransactionAction> also) => new(result, row, [.. also]);
}

/// <summary>The one read-change-save-under-ETag loop every concurrent change in the app goes through.</summary>
internal static class RowChanges
{
    /// <summary>The property that holds the write id on rows read as plain <see cref="TableEntity"/>.</summary>
    public const string WriteIdProperty = nameof(IWriteStamped.WriteId);

    /// <summary>
    /// Reads the row (or starts from <paramref name="known"/>), lets <paramref name="change"/> decide on
    /// it (null when the row does not exist), and saves what it decided under the row's ETag. When
    /// someone else changed or created the row first (412, 409), reads it again and decides again, up to
    /// <paramref name="attempts"/> times; then <paramref name="exhausted"/> answers. A refusal whose row
    /// carries this write's own id (see <see cref="IWriteStamped"/>) was this write landing with its answer
    /// lost: the decision stands, and nothing is decided or written twice.
    /// </summary>
    public static async Task<TResult> ChangeAsync<TEntity, TResult>(
        this TableClient table,
        string partitionKey,
        string rowKey,
        Func<TEntity?, Task<RowChange<TEntity, TResult>>> change,
        Func<TResult> exhausted,
        CancellationToken cancellationToken,
        TEntity? known = null,
        int attempts = 10,
        TableUpdateMode mode = TableUpdateMode.Replace)
        where TEntity : class, ITableEntity
    {
        var row = known;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            row ??= await ReadAsync<TEntity>(table, partitionKey, rowKey, cancellationToken);
            var decision = await change(row);
            if (decision.Row is not { } save)
            {
                return decision.Result;
            }

            var writeId = Guid.NewGuid().ToString("N");
            Stamp(save, writeId);
            var write = save.ETag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, save)
                : new TableTransactionAction(mode == TableUpdateMode.Replace ? TableTransactionActionType.UpdateReplace : TableTransactionActionType.UpdateMerge, save, save.ETag);
            try
            {
                var stored = await table.SubmitTransactionAsync([write, .. decision.Also], cancellationToken);
                save.ETag = stored.Value.Count > 0 && stored.Value[0].Headers.ETag is { } etag ? etag : save.ETag;
                return decision.Result;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Changed (or created) meanwhile, by someone else or by this very write: read it again to tell.
                row = await ReadAsync<TEntity>(table, partitionKey, rowKey, cancellationToken);
                if (row is not null && WriteIdOf(row) == writeId)
                {
                    save.ETag = row.ETag;
                    return decision.Result;
                }
            }
        }

        return exhausted();
    }

    /// <inheritdoc cref="ChangeAsync{TEntity, TResult}(TableClient, string, string, Func{TEntity, Task{RowChange{TEntity, TResult}}}, Func{TResult}, CancellationToken, TEntity, int, TableUpdateMode)"/>
    public static Task<TResult> ChangeAsync<TEntity, TResult>(
        this TableClient table,
        string partitionKey,
        string rowKey,
        Func<TEntity?, RowChange<TEntity, TResult>> change,
        Func<TResult> exhausted,
        CancellationToken cancellationToken,
        TEntity? known = null,
        int attempts = 10,
        TableUpdateMode mode = TableUpdateMode.Replace)
        where TEntity : class, ITableEntity =>
        table.ChangeAsync<TEntity, TResult>(partitionKey, rowKey, row => Task.FromResult(change(row)), exhausted, cancellationToken, known, attempts, mode);

    private static void Stamp(ITableEntity row, string writeId)
    {
        switch (row)
        {
            case IWriteStamped stamped:
                stamped.WriteId = writeId;
                break;
            case TableEntity entity:
                entity[WriteIdProperty] = writeId;
                break;
            default:
                throw new InvalidOperationException($"{row.GetType().Name} cannot record a write id; implement {nameof(IWriteStamped)}.");
        }
    }

    private static string? WriteIdOf(ITableEntity row) => row switch
    {
        IWriteStamped stamped => stamped.WriteId,
        TableEntity entity => entity.GetString(WriteIdProperty),
        _ => null,
    };

    private static async Task<TEntity?> ReadAsync<TEntity>(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
        where TEntity : class, ITableEntity
    {
        var found = await table.GetEntityIfExistsAsync<TEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
