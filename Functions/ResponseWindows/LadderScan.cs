using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.ResponseWindows;

/// <summary>
/// Takes the ladder steps that are due. Safe to run in two places at once and to repeat: a step's
/// outbox row has a fixed id, and the inquiry moves to its next step under its ETag, so a step is taken
/// once; an index entry is deleted only after its step is stored, scheduled onward and queued.
/// </summary>
internal sealed class LadderScan(
    FollowUpStorage storage,
    DueIndex index,
    Ladder ladder,
    StaffDirectory staff,
    LadderMessages compose,
    OutboxQueue queue,
    TimeProvider time,
    IOptions<BusinessOptions> business,
    ILogger<LadderScan> logger)
{
    public async Task<int> ScanOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var taken = 0;
        await foreach (var entry in index.DueAsync(now, cancellationToken))
        {
            if (entry.DueAt > now)
            {
                continue; // later in this same minute
            }

            try
            {
                if (await TakeAsync(entry, now, cancellationToken))
                {
                    taken++;
                }

                await index.RemoveAsync(entry, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The entry stays and is tried again next scan; one bad entry never holds up the others.
                WindowsLog.StepFailed(logger, ex, entry.Step, entry.InquiryId);
            }
        }

        return taken;
    }

    /// <summary>How often a step is tried again at once when the inquiry changed under it (a staff action, say) before it was taken.</summary>
    private const int TakeAttempts = 3;

    private async Task<bool> TakeAsync(DueEntry entry, DateTimeOffset now, CancellationToken cancellationToken, int attempt = 1)
    {
        if (await storage.FindInquiryAsync(entry.InquiryId, cancellationToken) is not { Status: InquiryStatus.Open } inquiry)
        {
            return false;
        }

        if (inquiry.NextStep != entry.Step || inquiry.NextDueAt != entry.DueAt)
        {
            // Taken already (by another scanner, or before a failure): make sure what it queued is queued.
            // The due time tells an entry of an earlier promise from the same step of the current one,
            // which another scanner may have just scheduled: that one is not due yet.
            await RequeueAsync(entry, inquiry, cancellationToken);
            return false;
        }

        var (step, _) = ladder.Current(inquiry, now);
        var people = await staff.ListAsync(cancellationToken);
        var messages = compose.Compose(inquiry, step, now, people);
        var (detail, outbox) = messages;
        if (Ladder.IsPastPromise(step) && inquiry.KeptAt is null && inquiry.LastLapsedAt != inquiry.RespondBy)
        {
            RecordLapse(inquiry);
        }

        if (step == Ladder.NoNews)
        {
            inquiry.RespondBy = compose.RenewedPromise(now);
            inquiry.LastNoNewsAt = outbox.Count > 0 ? now : inquiry.LastNoNewsAt;
            inquiry.Cycle++;
        }

        if (step == Ladder.FollowUp)
        {
            inquiry.FollowUps++;
        }

        var next = step switch
        {
            Ladder.NoNews => ladder.First(inquiry),
            Ladder.FollowUp => ladder.NextFollowUp(now),
            _ => ladder.After(inquiry, step),
        };
        inquiry.NextStep = next?.Step;
        inquiry.NextDueAt = next?.Due;
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.UpdateReplace, inquiry, inquiry.ETag),
            new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.Id, now, 0, "ladder-" + step, detail)),
            .. outbox.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)),
        ];
        var answerLost = false;
        try
        {
            await storage.Inquiries.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another scanner took this step, or this one did and the answer was lost (the SDK's retry then
            // conflicts with its own first try). Either way, if the step is recorded as taken, whatever
            // follows it must happen: the next entry scheduled, the texts queued. Both are idempotent.
            var fresh = await storage.FindInquiryAsync(inquiry.Id, cancellationToken);
            if (fresh is { Status: InquiryStatus.Open } && fresh.NextStep == entry.Step && fresh.NextDueAt == entry.DueAt)
            {
                // Nobody took the step: the inquiry changed for another reason (a staff action). Take it on
                // the fresh row; if it keeps failing, the entry stays for the next scan rather than being dropped.
                return attempt < TakeAttempts
                    ? await TakeAsync(entry, now, cancellationToken, attempt + 1)
                    : throw new InvalidOperationException($"The {entry.Step} step of {entry.InquiryId} could not be stored; it stays due.");
            }

            if (fresh is null || fresh.NextStep != inquiry.NextStep || fresh.NextDueAt != inquiry.NextDueAt)
            {
                return false;
            }

            answerLost = true;
        }

        if (next is { } following)
        {
            await index.ScheduleAsync(DueEntry.For(inquiry.Id, following.Step, following.Due), cancellationToken);
        }

        if (answerLost)
        {
            // The stored texts may be this scan's or another's: queue whichever are waiting.
            await RequeueAsync(entry, inquiry, cancellationToken);
            return false;
        }

        foreach (var row in outbox)
        {
            await queue.EnqueueAsync(new NotificationRef(row.PartitionKey, row.MessageId), cancellationToken);
        }

        WindowsLog.StepTaken(logger, step, inquiry.Id, outbox.Count);
        return true;
    }

    /// <summary>Counts the current promise as lapsed, by the business day it fell on (the team load's "lapsed today").</summary>
    private void RecordLapse(InquiryEntity inquiry)
    {
        var day = business.Value.LocalDate(inquiry.RespondBy);
        inquiry.LapsesThatDay = inquiry.LapsedOn == day ? inquiry.LapsesThatDay + 1 : 1;
        inquiry.LapsedOn = day;
        inquiry.LastLapsedAt = inquiry.RespondBy;
    }

    private async Task RequeueAsync(DueEntry entry, InquiryEntity inquiry, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {inquiry.Id} and RowKey ge {InquiryRows.OutboxPrefix + entry.Step} and RowKey lt {InquiryRows.PrefixEnd(InquiryRows.OutboxPrefix + entry.Step)} and State eq {OutboxState.Queued}");
        await foreach (var row in storage.Inquiries.QueryAsync<OutboxEntity>(filter, cancellationToken: cancellationToken))
        {
            await queue.EnqueueAsync(new NotificationRef(row.PartitionKey, row.MessageId), cancellationToken);
        }
    }
}
