using System.Diagnostics;
using Azure.Data.Tables;

namespace FollowUp.Core;

/// <summary>The staff directory in Table Storage, seeded from <c>FollowUp:Staff</c> at startup; read once the seeder has written it.</summary>
internal sealed class StaffDirectory(FollowUpStorage storage, StaffSeeder seeder)
{
    /// <summary>
    /// How long one read of the directory is reused. The directory changes only when an instance starts
    /// with new settings, and every new inquiry needs it (a lead import asks for it hundreds of times a
    /// second), so a second's reuse saves a query per inquiry and is never noticeably stale.
    /// </summary>
    private static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(1);

    private Snapshot? _lastRead;

    /// <summary>Everyone in the directory. The rows are shared between callers: read them, do not change them.</summary>
    public async Task<IReadOnlyList<StaffEntity>> ListAsync(CancellationToken cancellationToken)
    {
        if (_lastRead is { } last && Stopwatch.GetElapsedTime(last.ReadAt) < ReuseFor)
        {
            return last.Staff;
        }

        await seeder.SeededAsync(cancellationToken);
        var readAt = Stopwatch.GetTimestamp();
        var staff = new List<StaffEntity>();
        await foreach (var member in storage.Staff.QueryAsync<StaffEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {StaffEntity.Partition}"), cancellationToken: cancellationToken))
        {
            staff.Add(member);
        }

        _lastRead = new Snapshot(staff, readAt);
        return staff;
    }

    private sealed record Snapshot(IReadOnlyList<StaffEntity> Staff, long ReadAt);

    /// <summary>A manager is anyone named as someone's manager.</summary>
    public async Task<bool> IsManagerAsync(string id, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Any(s => s.ManagerId == id);

    public async Task<StaffEntity?> FindByMobileAsync(string mobile, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(s => s.Mobile == mobile);

    public async Task<StaffEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await seeder.SeededAsync(cancellationToken);
        var found = await storage.Staff.GetEntityIfExistsAsync<StaffEntity>(StaffEntity.Partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
