using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Staff;

/// <summary>
/// What the prospect asks for on their status page: a better time (the promise moves to their slot and the
/// ladder is planned around it) or "I've sorted it" (closed as withdrawn, the ladder stops). Each is one change
/// of the inquiry under its ETag with its timeline entry and a text to the owner, which goes through the outbox
/// and the outbound gate like every other.
/// </summary>
internal sealed class ProspectRequests(
    FollowUpStorage storage,
    StaffDirectory directory,
    Ladder ladder,
    DueIndex dueIndex,
    IdGenerator ids,
    MessageTemplates templates,
    OutboxQueue queue,
    TimeProvider time,
    IOptions<BusinessOptions> business) : IProspectRequests
{
    public Task<ProspectRequestResult> WithdrawAsync(string inquiryId, CancellationToken cancellationToken) =>
        ChangeAsync(inquiryId, cancellationToken, (inquiry, now) =>
        {
            inquiry.Status = InquiryStatus.Closed;
            inquiry.Outcome = InquiryStatus.Withdrawn;
            inquiry.ClosedAt = now;
            inquiry.NextStep = null;
            inquiry.NextDueAt = null;
            return ("withdrawn", $"{inquiry.Name} said on their status page that they have sorted it: closed as withdrawn.", templates.Current.OwnerWithdrawnSms);
        });

    public Task<ProspectRequestResult> MoveCallbackAsync(string inquiryId, DateTimeOffset slot, CancellationToken cancellationToken) =>
        ChangeAsync(inquiryId, cancellationToken, (inquiry, now) =>
        {
            // A new promise and a new cycle, as when staff reopen: the ladder starts again from the reminder
            // before the slot, and its texts' ids never collide with those of the promise it replaces.
            inquiry.CallbackAt = slot;
            inquiry.RespondBy = slot;
            inquiry.Cycle++;
            inquiry.KeptAt = null;
            inquiry.ReachedAt = null;
            inquiry.FollowUps = 0;
            (inquiry.NextStep, inquiry.NextDueAt) = ladder.First(inquiry);
            var when = TimeInWords.Describe(slot, now, business.Value.ZoneFor(inquiry.TimeZone));
            return ("callback-moved", $"{inquiry.Name} picked a new time on their status page: {when}.", templates.Current.OwnerNewTimeSms);
        });

    /// <summary>The owner to tell about the inquiry (else the first person on duty), when they have a mobile.</summary>
    public static StaffEntity? OwnerToTell(IReadOnlyList<StaffEntity> people, InquiryEntity inquiry) =>
        people.FirstOrDefault(p => p.Id == inquiry.OwnerId && p.Mobile is not null)
        ?? people.Where(p => p.OnDuty && p.Mobile is not null).OrderBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault();

    private async Task<ProspectRequestResult> ChangeAsync(
        string inquiryId, CancellationToken cancellationToken, Func<InquiryEntity, DateTimeOffset, (string Type, string Detail, string OwnerTemplate)> change)
    {
        var people = await directory.ListAsync(cancellationToken);
        OutboxEntity? notice = null;
        var result = await storage.Inquiries.ChangeAsync<InquiryEntity, ProspectRequestResult>(
            inquiryId,
            InquiryRows.Header(inquiryId),
            async inquiry =>
            {
                if (inquiry is null)
                {
                    return RowChange<InquiryEntity, ProspectRequestResult>.Stop(ProspectRequestResult.NotFound);
                }

                if (inquiry.Status != InquiryStatus.Open)
                {
                    return RowChange<InquiryEntity, ProspectRequestResult>.Stop(ProspectRequestResult.Closed);
                }

                var now = time.GetUtcNow();
                var (type, detail, template) = change(inquiry, now);
                if (inquiry is { NextStep: { } step, NextDueAt: { } due })
                {
                    // Scheduled before the row is stored, as every change of the ladder is (see InquiryChanges).
                    await dueIndex.ScheduleAsync(DueEntry.For(inquiry.Id, step, due), cancellationToken);
                }

                List<TableTransactionAction> actions = [new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiryId, now, 0, type, detail, actor: "prospect"))];
                notice = OwnerToTell(people, inquiry) is { } owner ? Notice(inquiry, owner, template, now) : null;
                actions.Add(notice is null
                    ? new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiryId, now, 1, "note", "Nobody with a mobile is on duty to tell."))
                    : new(TableTransactionActionType.Add, notice));
                return RowChange<InquiryEntity, ProspectRequestResult>.Save(inquiry, ProspectRequestResult.Done, actions);
            },
            () => throw new InvalidOperationException($"Could not change {inquiryId} for its prospect: the inquiry keeps changing."),
            cancellationToken);

        if (result == ProspectRequestResult.Done && notice is not null)
        {
            // Stored first, then queued: should queueing fail, the outbox sweep queues the stored row.
            await queue.TryEnqueueAllAsync([notice], TimeSpan.Zero, cancellationToken);
        }

        return result;
    }

    private OutboxEntity Notice(InquiryEntity inquiry, StaffEntity owner, string template, DateTimeOffset now)
    {
        var zone = owner.TimeZone ?? business.Value.TimeZone;
        var text = MessageTemplates.Render(template,
            ("Code", IdGenerator.ShortCode(inquiry.Id)), ("Name", inquiry.Name), ("Contact", inquiry.Phone ?? inquiry.Email ?? ""),
            ("RespondBy", TimeInWords.Describe(inquiry.RespondBy, now, business.Value.ZoneFor(zone))), ("Owner", inquiry.OwnerName ?? MessageTemplates.NoOwner),
            ("Business", business.Value.Name));
        var row = InquiryRows.NewOutbox(inquiry.Id, ids.NewMessageId(), MessageKinds.ProspectUpdate, Channels.Sms, owner.Mobile!, null, text, now, zone);
        row.RecipientHours = owner.Hours;
        return row;
    }
}
