using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Core;

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
                    Hours = member.Hours.Count > 0 ? WeeklyHours.Write(member.Hours) : null,
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
                CoreLog.Removed(logger, row.RowKey);
            }
        }

        directory.Forget();
        CoreLog.Seeded(logger, configured.Count, fromCsv.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
