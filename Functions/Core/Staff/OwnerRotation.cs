using Azure.Data.Tables;

namespace FollowUp.Core;

/// <summary>
/// Gives each new inquiry one owner: round-robin among on-duty staff who take its source. The position
/// of the rotation is a row updated under its ETag, so concurrent inquiries never get the same turn,
/// across instances too. Within one instance turns are taken one at a time from the last row this
/// instance wrote: a turn costs one write instead of a read, a write and a retry for every other
/// inquiry that raced it (a lead import takes many turns at once). When another instance moved the
/// rotation, the write fails on the ETag and the row is read again.
/// </summary>
internal sealed class OwnerRotation(StaffDirectory directory, FollowUpStorage storage) : IDisposable
{
    public const string RotationPartition = "rotation";
    public const string RotationRow = "owners";
    private const string LastAssignedColumn = "LastAssigned";

    private readonly SemaphoreSlim _turn = new(1, 1);
    private TableEntity? _known;

    public async Task<StaffEntity?> AssignAsync(string source, CancellationToken cancellationToken, string? exclude = null)
    {
        var eligible = await EligibleAsync(source, exclude, cancellationToken);
        if (eligible.Count == 0)
        {
            return null;
        }

        await _turn.WaitAsync(cancellationToken);
        try
        {
            var (next, saved) = await storage.Runtime.ChangeAsync<TableEntity, (StaffEntity Next, TableEntity Row)>(
                RotationPartition,
                RotationRow,
                current =>
                {
                    var last = current?.GetString(LastAssignedColumn);
                    var pick = eligible.FirstOrDefault(s => string.CompareOrdinal(s.Id, last) > 0) ?? eligible[0];
                    var row = new TableEntity(RotationPartition, RotationRow) { [LastAssignedColumn] = pick.Id, ETag = current?.ETag ?? default };
                    return RowChange<TableEntity, (StaffEntity, TableEntity)>.Save(row, (pick, row));
                },
                () => throw new InvalidOperationException("Could not take a turn in the owner rotation."),
                cancellationToken,
                known: _known,
                attempts: 20);
            _known = saved;
            return next;
        }
        catch
        {
            _known = null; // read where the rotation is now next time
            throw;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Who <see cref="AssignAsync"/> would give an inquiry from <paramref name="source"/> now, without taking the turn.</summary>
    public async Task<StaffEntity?> PeekAsync(string source, CancellationToken cancellationToken)
    {
        var eligible = await EligibleAsync(source, null, cancellationToken);
        var last = (await ReadAsync(cancellationToken))?.GetString(LastAssignedColumn);
        return eligible.FirstOrDefault(s => string.CompareOrdinal(s.Id, last) > 0) ?? eligible.FirstOrDefault();
    }

    public void Dispose() => _turn.Dispose();

    private async Task<List<StaffEntity>> EligibleAsync(string source, string? exclude, CancellationToken cancellationToken)
    {
        var onDuty = (await directory.ListAsync(cancellationToken)).Where(s => s.OnDuty && s.Id != exclude).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        // Those who list the source take it first (a referral team takes referrals), then those who list
        // no sources, then anyone on duty: an inquiry always gets an owner while someone is on duty.
        return onDuty.Where(s => s.Sources.Length > 0 && s.TakesSource(source)).ToList() is { Count: > 0 } specialists ? specialists
            : onDuty.Where(s => s.Sources.Length == 0).ToList() is { Count: > 0 } generalists ? generalists
            : onDuty;
    }

    private async Task<TableEntity?> ReadAsync(CancellationToken cancellationToken)
    {
        var found = await storage.Runtime.GetEntityIfExistsAsync<TableEntity>(RotationPartition, RotationRow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
