using Azure;
using Azure.Data.Tables;
using FollowUp.Notifications;
using FollowUp.Staff;
using FollowUp.Storage;
using FollowUp.Windows;
using Microsoft.Extensions.Options;

namespace FollowUp.Intake;

/// <summary>
/// Accepts a validated submission: joins it to the contact's open inquiry when it repeats one,
/// otherwise stores a new inquiry, its first timeline events and its outbox messages in one
/// entity-group transaction, then queues the messages. Once this returns, nothing is lost:
/// messages that could not be queued are queued by the outbox sweep.
/// </summary>
internal sealed class IntakeService(
    FollowUpStorage storage,
    IdGenerator ids,
    Acknowledgments acknowledgments,
    OutboxQueue outboxQueue,
    SendNotification notifications,
    TimeProvider time,
    IOptions<IntakeOptions> options,
    BusinessCalendar calendar,
    OwnerRotation owners,
    Ladder ladder,
    DueIndex dueIndex,
    SmsDestinations destinations,
    OutboundGate gate,
    AnswerPace pace,
    ILogger<IntakeService> logger)
{
    /// <summary>
    /// The longest the answer to a new inquiry waits for its acknowledgment to be sent (wall-clock time:
    /// it paces a provider call, not business time).
    /// </summary>
    public static readonly TimeSpan SendWait = TimeSpan.FromSeconds(5);

    /// <summary>How long a submission waits for an inquiry another submission has claimed but not yet stored.</summary>
    private static readonly TimeSpan InFlightWait = TimeSpan.FromSeconds(2);

    public async Task<IntakeResult> SubmitAsync(Submission submission, CancellationToken cancellationToken)
    {
        var started = pace.Start();
        var now = time.GetUtcNow();
        var contactKeys = ContactKeys(submission.Prospect).ToArray();
        var id = ids.NewInquiryId();

        // Claim the contact rows for the new id before storing it, so that of several submissions
        // racing (a double-clicked button) exactly one creates the inquiry and the others join it.
        // Most submitters are new, so the first try assumes so and just adds their rows (one request
        // each instead of a read and an add); if a row exists, the add is refused and the rows are read.
        var contacts = contactKeys.Select(key => new Contact(key, null)).ToArray();
        while (true)
        {
            var open = await FindOpenInquiryAsync(contacts, id, now, cancellationToken);
            if (open is not null)
            {
                var joined = await JoinAsync(open, submission, contacts, now, cancellationToken);
                await PadAsync(submission, started);
                return joined;
            }

            if (await TryClaimAsync(contacts, id, now, cancellationToken))
            {
                break;
            }

            contacts = await ReadContactsAsync(contactKeys, cancellationToken);
        }

        var inquiry = NewInquiry(id, submission, now);
        var owner = await owners.AssignAsync(inquiry.Source, cancellationToken);
        inquiry.OwnerId = owner?.Id;
        inquiry.OwnerName = owner?.Name;
        var composed = acknowledgments.Compose(inquiry, now, await ReachAsync(contacts, inquiry, cancellationToken));
        if (!submission.Acknowledge)
        {
            composed = new ComposedMessages([], ["No acknowledgment sent: imported leads are set not to get one (FollowUp:Import:Acknowledge)."]);
        }

        var (firstStep, firstDue) = ladder.First(inquiry);
        inquiry.NextStep = firstStep;
        inquiry.NextDueAt = firstDue;

        // Scheduled before the inquiry is stored: an entry whose inquiry never got stored is dropped by
        // the scan, but an inquiry without its entry would never be followed up.
        await dueIndex.ScheduleAsync(DueEntry.For(inquiry.PartitionKey, firstStep, firstDue), cancellationToken);
        var detail = submission.Kind switch
        {
            InquiryKind.Referral => $"Referral received from {submission.Referrer!.Name}, via {inquiry.Source}.",
            InquiryKind.Import => $"Lead imported from {inquiry.Source}.",
            _ => $"Inquiry received from {inquiry.Source}.",
        };
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, inquiry),
            new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.PartitionKey, now, 0, "received", detail, actor: "prospect")),
            new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.PartitionKey, now, 1, owner is null ? "unassigned" : "assigned",
                owner is null ? "No staff on duty: nobody owns this inquiry yet." : $"Assigned to {owner.Name} by rotation.")),
            .. composed.Notes.Select((note, i) => new TableTransactionAction(
                TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.PartitionKey, now, i + 2, "note", note))),
            .. composed.Outbox.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)),
        ];
        await StoreAsync(actions, id, cancellationToken);
        IntakeLog.Stored(logger, inquiry.PartitionKey, inquiry.Source, composed.Outbox.Count);
        // When intake sends the messages itself, their queue messages are the safety net: hidden for a
        // sending lease, they then find the rows done, or finish what a crash cut short.
        await outboxQueue.TryEnqueueAllAsync(composed.Outbox, notifications.SendsOnIntake ? SendNotification.SendingLease : TimeSpan.Zero, cancellationToken);
        // The answer waits for the send, but not for long: a slow provider must not hold up the form.
        // A send still running after that finishes on its own, and the queue message covers it if not.
        if (composed.Outbox.Count > 0 && notifications.SendsOnIntake)
        {
            var sending = notifications.SendNowAsync(composed.Outbox);
            var sendStarted = pace.Start();
            await Task.WhenAny(sending, Task.Delay(SendWait, CancellationToken.None));
            pace.Sent(sendStarted);
        }
        else
        {
            await PadAsync(submission, started); // nothing to send: answer no sooner than one that sent
        }

        return new IntakeResult(inquiry, Joined: false, inquiry.PartitionKey, inquiry.RespondBy, AnswerChannel(submission.Prospect));
    }

    /// <summary>A public post that sent nothing answers no sooner than one that did (an import's rows are not timed by anyone).</summary>
    private Task PadAsync(Submission submission, long started) => submission.Imported ? Task.CompletedTask : pace.PadAsync(started);

    /// <summary>
    /// The channel the public answer names: the one a new inquiry with these fields would be acknowledged by,
    /// worked out from the submission alone (never from an inquiry it joins, a STOP or a bounce), so the answer
    /// tells nobody what FollowUp knows about the person whose details they typed.
    /// </summary>
    public string? AnswerChannel(Prospect prospect) =>
        ProspectRoutes.Channel(prospect.Phone, prospect.Email, prospect.ConsentToSms, prospect.PreferredChannel, new Reachability(false, false, destinations.Refusal(prospect.Phone)));

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
            FirstPromisedBy = promise,
            Imported = submission.Imported,
            ReferrerName = submission.Referrer?.Name,
            ReferrerEmail = submission.Referrer?.Email,
            ReferrerPhone = submission.Referrer?.Phone,
            ReferrerConsentToSms = submission.Referrer?.ConsentToSms ?? false,
        };
    }

    private static IEnumerable<string> ContactKeys(Prospect prospect)
    {
        if (prospect.Phone is not null)
        {
            yield return ContactEntity.PhoneKey(prospect.Phone);
        }

        if (prospect.Email is not null)
        {
            yield return ContactEntity.EmailKey(prospect.Email);
        }
    }

    private async Task<Contact[]> ReadContactsAsync(string[] contactKeys, CancellationToken cancellationToken) =>
        await Task.WhenAll(contactKeys.Select(async key => new Contact(key, await storage.FindContactAsync(key, cancellationToken))));

    /// <summary>
    /// The open inquiry a contact submitted within the duplicate window, if any. An inquiry claimed
    /// moments ago may not be stored yet; it is waited for briefly, and if it never appears its
    /// claimer failed and the claim is ignored.
    /// </summary>
    private async Task<InquiryEntity?> FindOpenInquiryAsync(Contact[] contacts, string ownId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var contact in contacts)
        {
            if (contact.Row is not { OpenInquiryId: { } id, LastSubmittedAt: { } last } || id == ownId || now - last >= options.Value.DuplicateWindow)
            {
                continue;
            }

            var waitUntil = DateTime.UtcNow + (now - last < InFlightWait ? InFlightWait : TimeSpan.Zero);
            while (true)
            {
                if (await storage.FindInquiryAsync(id, cancellationToken) is { } found)
                {
                    if (found.Status == InquiryStatus.Open)
                    {
                        return found;
                    }

                    break;
                }

                if (DateTime.UtcNow >= waitUntil)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
            }
        }

        return null;
    }

    /// <summary>
    /// Points every contact row not held by another open inquiry at <paramref name="id"/>, one at a time in
    /// key order, stopping at the first one another submission changed first. The fixed order means two racers never each hold
    /// one key and wait on each other: whoever takes the first key takes them all.
    /// </summary>
    private async Task<bool> TryClaimAsync(Contact[] contacts, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var contact in contacts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            try
            {
                if (contact.Row is null)
                {
                    await storage.Contacts.AddEntityAsync(
                        new ContactEntity { PartitionKey = contact.Key, OpenInquiryId = id, LastSubmittedAt = now }, cancellationToken);
                }
                else if (contact.Row.OpenInquiryId != id)
                {
                    // A number or address that belongs to another open inquiry stays with it: a form can carry
                    // anyone's details, and a newer inquiry must not take over where that person's replies go.
                    // The row is still written, under its ETag, so that of two racing submissions one creates.
                    if (contact.Row.OpenInquiryId is not { } other || (await storage.FindInquiryAsync(other, cancellationToken, [nameof(InquiryEntity.Status)]))?.Status != InquiryStatus.Open)
                    {
                        contact.Row.OpenInquiryId = id;
                    }

                    contact.Row.LastSubmittedAt = now;
                    await storage.Contacts.UpdateEntityAsync(contact.Row, contact.Row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<IntakeResult> JoinAsync(InquiryEntity inquiry, Submission submission, Contact[] contacts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var prospect = submission.Prospect;
        // A repeat joins on the phone or address it shares with the open inquiry; anything else it gives is
        // noted for staff, never added: whoever typed it may not be the person the inquiry belongs to.
        var foreign = new[] { prospect.Phone is { } phone && phone != inquiry.Phone ? phone : null, prospect.Email is { } email && !Core.EmailSender.Same(email, inquiry.Email) ? email : null }
            .OfType<string>().ToList();
        var detail = (prospect.Message is null ? $"Submitted again from {prospect.Source}." : $"Submitted again from {prospect.Source}: {prospect.Message}")
            + (foreign.Count == 0 ? "" : $" It also gave {string.Join(" and ", foreign.Select(Mask.Recipient))}, which this inquiry does not have: not added, as it may not be theirs.");
        // Another repeat may count itself first; then this one counts again on the fresh row.
        inquiry = await storage.Inquiries.ChangeAsync<InquiryEntity, InquiryEntity>(
            inquiry.PartitionKey,
            inquiry.RowKey,
            current =>
            {
                current!.Submissions++;
                return RowChange<InquiryEntity, InquiryEntity>.Save(current, current, new TableTransactionAction(
                    TableTransactionActionType.Add, InquiryRows.NewEvent(current.PartitionKey, now, 0, "received-again", detail, actor: "prospect")));
            },
            () => throw new InvalidOperationException($"Could not count a repeat submission of {inquiry.PartitionKey}: the inquiry keeps changing."),
            cancellationToken,
            known: inquiry,
            mode: TableUpdateMode.Merge);

        // Points the inquiry's own contacts at it, and restarts the window. Only these two columns: a whole
        // ContactEntity would also write its defaults (no STOP, never texted) over the row's facts.
        var own = new[] { inquiry.Phone is { } p ? ContactEntity.PhoneKey(p) : null, inquiry.Email is { } e ? ContactEntity.EmailKey(e) : null };
        await Task.WhenAll(contacts.Where(contact => own.Contains(contact.Key)).Select(contact => storage.Contacts.UpsertEntityAsync(
            new TableEntity(contact.Key, contact.Key)
            {
                [nameof(ContactEntity.OpenInquiryId)] = inquiry.PartitionKey,
                [nameof(ContactEntity.LastSubmittedAt)] = now,
            },
            TableUpdateMode.Merge,
            cancellationToken)));
        IntakeLog.Joined(logger, inquiry.PartitionKey, inquiry.Submissions);

        // The public answer is the one a new inquiry would get: its own receipt, the promise a new inquiry
        // would get now, and the channel the submission alone points to.
        return new IntakeResult(inquiry, Joined: true, ids.NewInquiryId(), calendar.RespondBy(now, submission.Kind), AnswerChannel(prospect));
    }

    /// <summary>What stands between the prospect and each channel, through the outbound gate.</summary>
    private Task<Reachability> ReachAsync(Contact[] contacts, InquiryEntity inquiry, CancellationToken cancellationToken) =>
        gate.ReachAsync(inquiry.Phone, inquiry.Email, contacts.Select(c => c.Row), cancellationToken);

    private sealed record Contact(string Key, ContactEntity? Row);
}

/// <summary>
/// What intake did with a submission. <see cref="Inquiry"/> and <see cref="Joined"/> are for staff (the
/// import report); the public answer uses only <see cref="ReceiptId"/> (the inquiry's id when new, a fresh
/// id when joined), <see cref="PromisedBy"/> and <see cref="AcknowledgedBy"/>, which read the same either way.
/// </summary>
internal sealed record IntakeResult(InquiryEntity Inquiry, bool Joined, string ReceiptId, DateTimeOffset PromisedBy, string? AcknowledgedBy);
