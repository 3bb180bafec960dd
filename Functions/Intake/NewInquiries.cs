using Azure.Data.Tables;

namespace FollowUp.Intake;

/// <summary>
/// A new inquiry: owned by rotation, promised by the business calendar, acknowledged (and its referrer
/// thanked) by the channels the outbound gate leaves open, scheduled on the ladder, and stored with its
/// first timeline entries and its outbox messages in one entity-group transaction.
/// </summary>
internal sealed class NewInquiries(
    FollowUpStorage storage,
    IdGenerator ids,
    OwnerRotation owners,
    Acknowledgments acknowledgments,
    OutboundGate gate,
    BusinessCalendar calendar,
    Ladder ladder,
    DueIndex dueIndex,
    ILogger<NewInquiries> logger)
{
    /// <summary>Creates and stores inquiry <paramref name="id"/> for a submission whose contact rows it has claimed; the messages to send.</summary>
    public async Task<(InquiryEntity Inquiry, IReadOnlyList<OutboxEntity> Outbox)> CreateAsync(
        string id, Submission submission, ContactClaims.Contact[] contacts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inquiry = NewInquiry(id, submission, now);
        var owner = await owners.AssignAsync(inquiry.Source, cancellationToken);
        inquiry.OwnerId = owner?.Id;
        inquiry.OwnerName = owner?.Name;
        var statusToken = ids.NewStatusToken();
        var composed = acknowledgments.Compose(inquiry, now, statusToken, await ReachAsync(contacts, inquiry, cancellationToken));
        if (!submission.Acknowledge)
        {
            composed = new ComposedMessages([], [submission.Called
                ? "No text-back: the call was answered."
                : "No acknowledgment sent: imported leads are set not to get one (FollowUp:Import:Acknowledge)."]);
        }

        if (composed.Outbox.Any(row => row.Kind == MessageKinds.Acknowledgment))
        {
            // The link's lookup row first, as with the due entry: a row whose inquiry never got stored shows
            // nothing (404), but an acknowledgment whose link found no row would be a broken promise.
            inquiry.StatusLinkHash = StatusLinks.Hash(statusToken);
            await storage.Runtime.UpsertEntityAsync(StatusLinkEntity.For(inquiry.StatusLinkHash, id, now), TableUpdateMode.Replace, cancellationToken);
        }

        var (firstStep, firstDue) = ladder.First(inquiry);
        inquiry.NextStep = firstStep;
        inquiry.NextDueAt = firstDue;

        // Scheduled before the inquiry is stored: an entry whose inquiry never got stored is dropped by
        // the scan, but an inquiry without its entry would never be followed up.
        await dueIndex.ScheduleAsync(DueEntry.For(inquiry.Id, firstStep, firstDue), cancellationToken);
        var detail = submission.Kind switch
        {
            InquiryKind.Referral => $"Referral received from {submission.Referrer!.Name}, via {inquiry.Source}.",
            InquiryKind.Import => $"Lead imported from {inquiry.Source}.",
            InquiryKind.Call => $"A call from {Mask.Phone(inquiry.Phone!)}: {inquiry.Source}.",
            _ => $"Inquiry received from {inquiry.Source}.",
        };
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, inquiry),
            new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.Id, now, 0, "received", detail, actor: "prospect")),
            new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.Id, now, 1, owner is null ? "unassigned" : "assigned",
                owner is null ? "No staff on duty: nobody owns this inquiry yet." : $"Assigned to {owner.Name} by rotation.")),
            .. composed.Notes.Select((note, i) => new TableTransactionAction(
                TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.Id, now, i + 2, "note", note))),
            .. composed.Outbox.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)),
        ];
        await StoreAsync(actions, id, cancellationToken);
        IntakeLog.Stored(logger, inquiry.Id, inquiry.Source, composed.Outbox.Count);
        return (inquiry, composed.Outbox);
    }

    /// <summary>
    /// Stores the new inquiry's rows in one transaction. When the connection drops after storage
    /// committed it, the SDK's retry is refused with 409 (the rows exist); the id is this request's own,
    /// so finding the inquiry stored means the first try succeeded.
    /// </summary>
    private async Task StoreAsync(List<TableTransactionAction> actions, string id, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Inquiries.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            if (await storage.FindInquiryAsync(id, cancellationToken) is null)
            {
                throw;
            }

            IntakeLog.StoredOnEarlierTry(logger, id);
        }
    }

    private InquiryEntity NewInquiry(string id, Submission submission, DateTimeOffset now)
    {
        var prospect = submission.Prospect;
        var promise = calendar.RespondBy(now, submission.Kind);
        return new InquiryEntity
        {
            PartitionKey = id,
            Name = prospect.Name,
            Email = prospect.Email,
            Phone = prospect.Phone,
            Message = prospect.Message,
            PreferredChannel = prospect.PreferredChannel ?? "",
            Source = prospect.Source,
            TimeZone = prospect.TimeZone,
            ConsentToSms = prospect.ConsentToSms,
            CreatedAt = now,
            RespondBy = promise,
            FirstRespondBy = promise,
            Imported = submission.Imported,
            Called = submission.Called,
            ReferrerName = submission.Referrer?.Name,
            ReferrerEmail = submission.Referrer?.Email,
            ReferrerPhone = submission.Referrer?.Phone,
            ReferrerConsentToSms = submission.Referrer?.ConsentToSms ?? false,
        };
    }

    /// <summary>What stands between the prospect and each channel, through the outbound gate.</summary>
    private Task<Reachability> ReachAsync(ContactClaims.Contact[] contacts, InquiryEntity inquiry, CancellationToken cancellationToken) =>
        gate.ReachAsync(inquiry.Phone, inquiry.Email, contacts.Select(c => c.Row), cancellationToken);
}
