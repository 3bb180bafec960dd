using Azure.Data.Tables;

namespace FollowUp.Staff;

/// <summary>
/// The one way staff change an inquiry: load it, check the caller may act, apply the change, and store it
/// under the ETag with its timeline entry, retrying on a race. A change that moved the ladder's next step
/// schedules it in the due index.
/// </summary>
internal sealed class InquiryChanges(FollowUpStorage storage, StaffDirectory directory, DueIndex dueIndex, TimeProvider time)
{
    /// <summary>
    /// Loads the inquiry, checks the caller may act, applies the change, and stores it under the ETag,
    /// retrying on a race. A change that moved the ladder's next step schedules it in the due index.
    /// </summary>
    public async Task<WorkResult> ChangeAsync(
        string id,
        StaffEntity caller,
        bool ownerOnly,
        CancellationToken ct,
        Func<InquiryEntity, DateTimeOffset, Task<(WorkResult? Stop, TableTransactionAction[]? Actions)>> change,
        bool allowClosed = false)
    {
        return await storage.Inquiries.ChangeAsync<InquiryEntity, WorkResult>(
            id,
            InquiryRows.Header(id),
            async inquiry =>
            {
                if (inquiry is null)
                {
                    return RowChange<InquiryEntity, WorkResult>.Stop(new WorkResult.NotFound());
                }

                if (inquiry.Status == InquiryStatus.Closed && !allowClosed)
                {
                    return RowChange<InquiryEntity, WorkResult>.Stop(new WorkResult.Conflict($"The inquiry is closed ({inquiry.Outcome})."));
                }

                if (ownerOnly && inquiry.OwnerId != caller.Id && !await directory.IsManagerAsync(caller.Id, ct))
                {
                    return RowChange<InquiryEntity, WorkResult>.Stop(new WorkResult.Forbidden($"Only its owner ({inquiry.OwnerName ?? "nobody"}) or a manager may do that."));
                }

                var before = (inquiry.NextStep, inquiry.NextDueAt);
                var (stop, actions) = await change(inquiry, time.GetUtcNow());
                if (stop is null && actions is not null && inquiry is { NextStep: { } step, NextDueAt: { } due } && (step, due) != before)
                {
                    // Scheduled before the row is stored: an entry whose step the row never shows is dropped by
                    // the scan, but a stored step without its entry would never be taken.
                    await dueIndex.ScheduleAsync(DueEntry.For(inquiry.Id, step, due), ct);
                }

                return stop is not null ? RowChange<InquiryEntity, WorkResult>.Stop(stop)
                    : actions is null ? RowChange<InquiryEntity, WorkResult>.Stop(new WorkResult.Done(inquiry))
                    : RowChange<InquiryEntity, WorkResult>.Save(inquiry, new WorkResult.Done(inquiry), actions);
            },
            () => new WorkResult.Conflict("The inquiry keeps changing; try again."),
            ct);
    }

    /// <summary>The timeline entry of a staff member's change.</summary>
    public static TableTransactionAction[] Event(InquiryEntity inquiry, DateTimeOffset now, string type, string detail, StaffEntity caller) =>
        [new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.Id, now, 0, type, detail, actor: caller.Id))];
}
