using System.Diagnostics;
using Azure.Data.Tables;
using FollowUp.Storage;
using Microsoft.Extensions.Options;

namespace FollowUp.Staff;

/// <summary>The staff directory in Table Storage, seeded from <c>FollowUp:Staff</c> at startup.</summary>
internal sealed class StaffDirectory(FollowUpStorage storage)
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

    /// <summary>The next <see cref="ListAsync"/> reads storage (the seeder has just written it).</summary>
    public void Forget() => _lastRead = null;

    private sealed record Snapshot(IReadOnlyList<StaffEntity> Staff, long ReadAt);

    /// <summary>A manager is anyone named as someone's manager.</summary>
    public async Task<bool> IsManagerAsync(string id, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Any(s => s.ManagerId == id);

    public async Task<StaffEntity?> FindByMobileAsync(string mobile, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(s => s.Mobile == mobile);

    public async Task<StaffEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var found = await storage.Staff.GetEntityIfExistsAsync<StaffEntity>(StaffEntity.Partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}

/// <summary>Writes the configured staff into the directory when the app starts (after storage is ready).</summary>
internal sealed class StaffSeeder(
    FollowUpStorage storage, StaffDirectory directory, IOptions<StaffOptions> options, IHostEnvironment environment, ILogger<StaffSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Staff;
        var fromCsv = options.Value.StaffCsv is { Length: > 0 } csv
            ? StaffCsv.Read(Path.GetFullPath(csv, environment.ContentRootPath), [.. configured.Select(s => s.Id)])
            : [];

        // A person in both the file and the settings is taken from the settings. Each row is replaced whole, so
        // a key, manager or hours removed from the settings is gone from the directory too.
        foreach (var member in fromCsv.Where(c => configured.All(s => s.Id != c.Id)).Concat(configured))
        {
            await storage.Staff.UpsertEntityAsync(
                new StaffEntity
                {
                    RowKey = member.Id,
                    Name = member.Name,
                    Mobile = member.Mobile,
                    Email = member.Email,
                    TimeZone = member.TimeZone,
                    ManagerId = member.Manager,
                    ApiKeyHash = member.ApiKey is { Length: > 0 } key ? StaffEntity.HashKey(key) : null,
                    OnDuty = member.OnDuty,
                    SignIn = member.SignInId is { Length: > 0 } signInId ? PlatformPrincipal.KeyOf(member.SignInProvider, signInId) : null,
                    Hours = member.Hours.Count > 0 ? Windows.WeeklyHours.Write(member.Hours) : null,
                    Sources = string.Join(',', member.Sources),
                },
                TableUpdateMode.Replace,
                cancellationToken);
        }

        // Someone no longer configured is removed, with what the app remembers for them: their key stops
        // working, their mobile's texts are no longer staff commands, and rotation no longer picks them.
        var current = fromCsv.Select(c => c.Id).Concat(configured.Select(s => s.Id)).ToHashSet(StringComparer.Ordinal);
        await foreach (var row in storage.Staff.QueryAsync<StaffEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {StaffEntity.Partition}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (!current.Contains(row.RowKey))
            {
                await storage.Staff.DeleteEntityAsync(StaffEntity.Partition, row.RowKey, cancellationToken: cancellationToken);
                StaffLog.Removed(logger, row.RowKey);
            }
        }

        directory.Forget();
        StaffLog.Seeded(logger, configured.Count, fromCsv.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
