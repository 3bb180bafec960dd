using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// Writes the configured staff into the directory when the app starts (after storage is ready). Standalone,
/// the app starts serving once it is written; under the Functions host it is written beside the host's
/// start-up handshake, off a cold start's first request, and <see cref="StaffDirectory"/> waits for it
/// (<see cref="SeededAsync"/>) before its first read. A write that fails is tried again by the next read.
/// </summary>
internal sealed class StaffSeeder(
    FollowUpStorage storage, IOptions<StaffOptions> options, HostingMode mode, IHostEnvironment environment, IHostApplicationLifetime lifetime, ILogger<StaffSeeder> logger)
    : IHostedService
{
    private readonly Lock _gate = new();
    private Task? _seeding;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seeding = SeededAsync(cancellationToken);
        if (mode.IsFunctionsHost)
        {
            _ = seeding.ContinueWith(
                failed => CoreLog.SeedingFailed(logger, failed.Exception!.GetBaseException().GetType().Name),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return;
        }

        await seeding;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Completes once the configured staff are written; starts the write again if the last one failed.</summary>
    public Task SeededAsync(CancellationToken cancellationToken)
    {
        Task seeding;
        lock (_gate)
        {
            if (_seeding is null || _seeding.IsFaulted || _seeding.IsCanceled)
            {
                _seeding = Task.Run(() => SeedAsync(lifetime.ApplicationStopping), CancellationToken.None);
            }

            seeding = _seeding;
        }

        return seeding.IsCompletedSuccessfully ? Task.CompletedTask : seeding.WaitAsync(cancellationToken);
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
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
                    Hours = member.Hours.Count > 0 ? WeeklyHours.Write(member.Hours) : null,
                    BookingUrl = member.BookingUrl is { Length: > 0 } booking ? booking : null,
                    Sources = StaffEntity.JoinSources(member.Sources),
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
                CoreLog.Removed(logger, row.RowKey);
            }
        }

        CoreLog.Seeded(logger, configured.Count, fromCsv.Count);
    }
}
