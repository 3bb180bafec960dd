using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Staff;

/// <summary>
/// Who works an inquiry, and whether it is open: claim it, pass it on, close and reopen it. Each is one
/// <see cref="InquiryChanges"/> change, with its timeline entry.
/// </summary>
internal sealed class StaffActions(
    InquiryChanges changes,
    StaffDirectory directory,
    OwnerRotation rotation,
    ContactAttempts attempts,
    Ladder ladder,
    BusinessCalendar calendar,
    IOptions<ContactPolicyOptions> policy,
    IOptions<ResponseWindowOptions> windows)
{
    public static readonly string[] CloseOutcomes = ["won", "lost", "not-interested", "no-response", "duplicate", "other"];

    public Task<WorkResult> ClaimAsync(string id, StaffEntity caller, CancellationToken ct) =>
        changes.ChangeAsync(id, caller, ownerOnly: false, ct, async (inquiry, now) =>
        {
            if (inquiry.ClaimedBy == caller.Id)
            {
                return (null, null);
            }

            if (inquiry.ClaimedBy is { } other)
            {
                var winner = await directory.FindAsync(other, ct);
                return (new WorkResult.Conflict($"Already claimed by {winner?.Name ?? other} at {inquiry.ClaimedAt:u}."), null);
            }

            if (inquiry.OwnerId is { } owner && owner != caller.Id && !await directory.IsManagerAsync(caller.Id, ct))
            {
                return (new WorkResult.Forbidden($"It is {inquiry.OwnerName ?? owner}'s; only a manager may claim someone else's inquiry (or they can PASS it)."), null);
            }

            inquiry.ClaimedBy = caller.Id;
            inquiry.ClaimedAt = now;
            inquiry.OwnerId = caller.Id;
            inquiry.OwnerName = caller.Name;
            return (null, InquiryChanges.Event(inquiry, now, "claimed", $"Claimed by {caller.Name}.", caller));
        });

    public Task<WorkResult> PassAsync(string id, StaffEntity caller, CancellationToken ct) =>
        changes.ChangeAsync(id, caller, ownerOnly: true, ct, async (inquiry, now) =>
        {
            var next = await rotation.AssignAsync(inquiry.Source, ct, exclude: inquiry.OwnerId);
            if (next is null)
            {
                return (new WorkResult.Conflict("Nobody else is on duty to pass it to."), null);
            }

            var from = inquiry.OwnerName ?? "nobody";
            inquiry.OwnerId = next.Id;
            inquiry.OwnerName = next.Name;
            inquiry.ClaimedBy = null;
            inquiry.ClaimedAt = null;
            return (null, InquiryChanges.Event(inquiry, now, "passed", $"{caller.Name} passed it from {from} to {next.Name}.", caller));
        });

    public async Task<WorkResult> CloseAsync(string id, StaffEntity caller, string? outcome, CancellationToken ct)
    {
        if (outcome is null || !CloseOutcomes.Contains(outcome))
        {
            return new WorkResult.Invalid("outcome", $"Use one of: {string.Join(", ", CloseOutcomes)}.");
        }

        return await changes.ChangeAsync(id, caller, ownerOnly: true, ct, async (inquiry, now) =>
        {
            var logged = (await attempts.AttemptsAsync(id, ct)).Count;
            if (outcome == "no-response" && logged < policy.Value.MinAttemptsForNoResponse)
            {
                return (new WorkResult.Conflict(
                    $"Log at least {policy.Value.MinAttemptsForNoResponse} attempts before closing as no-response; {logged} logged."), null);
            }

            inquiry.Status = InquiryStatus.Closed;
            inquiry.Outcome = outcome;
            inquiry.ClosedAt = now;
            inquiry.NextStep = null;
            inquiry.NextDueAt = null;
            return (null, InquiryChanges.Event(inquiry, now, "closed", $"Closed by {caller.Name}: {outcome}.", caller));
        }, allowClosed: false);
    }

    public async Task<WorkResult> ReopenAsync(string id, StaffEntity caller, CancellationToken ct)
    {
        return await changes.ChangeAsync(id, caller, ownerOnly: true, ct, (inquiry, now) =>
        {
            if (inquiry.Status == InquiryStatus.Open)
            {
                return Task.FromResult<(WorkResult?, TableTransactionAction[]?)>((new WorkResult.Conflict("The inquiry is open already."), null));
            }

            // A new promise and a new cycle: the ladder starts from the top, its texts' ids never collide with
            // the earlier cycle's, and the prospect has to be reached again.
            inquiry.Status = InquiryStatus.Open;
            inquiry.Outcome = null;
            inquiry.ClosedAt = null;
            inquiry.RespondBy = calendar.AddBusinessTime(now, windows.Value.WebForm);
            inquiry.Cycle++;
            inquiry.KeptAt = null;
            inquiry.ReachedAt = null;
            inquiry.FollowUps = 0;
            (inquiry.NextStep, inquiry.NextDueAt) = ladder.First(inquiry);
            return Task.FromResult<(WorkResult?, TableTransactionAction[]?)>((null, InquiryChanges.Event(inquiry, now, "reopened", $"Reopened by {caller.Name}.", caller)));
        }, allowClosed: true);
    }
}
