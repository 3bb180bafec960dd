using Azure;
using FollowUp.Storage;

namespace FollowUp.Staff;

/// <summary>
/// Gives each new inquiry one owner: round-robin among on-duty staff who take its source. The position
/// of the rotation is a row updated under its ETag, so concurrent inquiries never get the same turn.
/// </summary>
internal sealed class OwnerRotation(StaffDirectory directory, FollowUpStorage storage)
{
    public const string RotationPartition = "rotation";
    public const string RotationRow = "owners";

    public async Task<StaffEntity?> AssignAsync(string source, CancellationToken cancellationToken, string? exclude = null)
    {
        var onDuty = (await directory.ListAsync(cancellationToken)).Where(s => s.OnDuty && s.Id != exclude).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        // Those who list the source take it first (a referral team takes referrals), then those who list
        // no sources, then anyone on duty: an inquiry always gets an owner while someone is on duty.
        var eligible = onDuty.Where(s => s.Sources.Length > 0 && s.TakesSource(source)).ToList() is { Count: > 0 } specialists ? specialists
            : onDuty.Where(s => s.Sources.Length == 0).ToList() is { Count: > 0 } generalists ? generalists
            : onDuty;
        if (eligible.Count == 0)
        {
            return null;
        }

        for (var attempt = 0; attempt < 20; attempt++)
        {
            var found = await storage.Runtime.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(RotationPartition, RotationRow, cancellationToken: cancellationToken);
            var last = found.HasValue ? found.Value?.GetString("LastAssigned") : null;
            var next = eligible.FirstOrDefault(s => string.CompareOrdinal(s.Id, last) > 0) ?? eligible[0];
            var row = new Azure.Data.Tables.TableEntity(RotationPartition, RotationRow) { ["LastAssigned"] = next.Id };
            try
            {
                if (found.HasValue && found.Value is { } current)
                {
                    await storage.Runtime.UpdateEntityAsync(row, current.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await storage.Runtime.AddEntityAsync(row, cancellationToken);
                }

                return next;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another inquiry took this turn; take the next.
            }
        }

        throw new InvalidOperationException("Could not take a turn in the owner rotation.");
    }
}
