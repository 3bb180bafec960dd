using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;
using Microsoft.Extensions.Options;

namespace FollowUp.Notifications;

/// <summary>
/// The limits against SMS pumping and relay, applied as each message is sent (so every path that
/// creates messages is covered): texts go only to numbers <see cref="SmsDestinations"/> allows; a
/// referrer is thanked at most once per duplicate window; and texts to numbers never texted before are
/// capped per business-local day, the rest waiting for the next day while the managers are told, once.
/// </summary>
internal sealed class SendingLimits(
    FollowUpStorage storage,
    SmsDestinations destinations,
    Staff.StaffDirectory directory,
    OutboxQueue queue,
    MessageTemplates templates,
    IOptions<SmsLimitsOptions> limits,
    IOptions<Intake.IntakeOptions> intake,
    IOptions<BusinessOptions> business,
    ILogger<SendingLimits> logger)
{
    private const string NewNumbersPartition = "sms-new-numbers";
    private const string CountColumn = "Count";
    private const string ManagersToldColumn = "ManagersTold";

    /// <summary>How soon a text is looked at again when the day's counter is too busy to update.</summary>
    private static readonly TimeSpan ContendedRecheck = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The day's counter is one row: texts sent at once from this instance take turns at it, so they do not
    /// spend their tries refusing each other's ETags; only other instances can still collide.
    /// </summary>
    private readonly SemaphoreSlim _counterTurn = new(1, 1);

    /// <summary>
    /// The most texts one update of the day's counter counts (a fiftieth of the cap, at most 20): the
    /// instance sends the rest of its block without asking again, so a new number costs a fraction of a
    /// counter request instead of two. A block an instance does not use before it stops or the day ends
    /// is counted all the same, so the cap errs on the side of fewer texts, by less than a block per instance.
    /// </summary>
    private const int MaxBlock = 20;

    private Reservation? _reserved;

    /// <summary>Why <paramref name="row"/> must not be sent at all; null when it may. <paramref name="contact"/> is its recipient's row.</summary>
    public async Task<string?> RefusalAsync(OutboxEntity row, ContactEntity? contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.Channel == Channels.Sms && !MessageKinds.IsForStaff(row.Kind) && destinations.Refusal(row.Recipient) is { } refusal)
        {
            return $"the number may not be texted: {refusal}";
        }

        return row.Kind == MessageKinds.ReferrerThanks ? await ClaimReferrerThanksAsync(row, contact, now, cancellationToken) : null;
    }

    /// <summary>
    /// Until when a text to a number never texted before must wait because today's cap is used up; null
    /// when it may go now (and then it has been counted). The first text held on a day tells the managers.
    /// </summary>
    public async Task<DateTimeOffset?> NewNumberWaitAsync(OutboxEntity row, ContactEntity? contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.Channel != Channels.Sms || MessageKinds.IsForStaff(row.Kind) || contact?.TextedAt is not null || row.CountedAsNewNumber)
        {
            return null;
        }

        await _counterTurn.WaitAsync(cancellationToken);
        try
        {
            return await CountNewNumberAsync(row, now, cancellationToken);
        }
        finally
        {
            _counterTurn.Release();
        }
    }

    private async Task<DateTimeOffset?> CountNewNumberAsync(OutboxEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = business.Value.LocalDate(now);
        if (_reserved is { Day: var reservedDay, Left: > 0 } reserved && reservedDay == day)
        {
            _reserved = reserved with { Left = reserved.Left - 1 };
            row.CountedAsNewNumber = true;
            return null;
        }

        var cap = limits.Value.NewNumbersPerDay;
        var block = Math.Clamp(cap / 50, 1, MaxBlock);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var found = await storage.Runtime.GetEntityIfExistsAsync<TableEntity>(NewNumbersPartition, day, cancellationToken: cancellationToken);
            try
            {
                var counter = found.HasValue && found.Value is { } stored ? stored : null;
                var count = counter?.GetInt32(CountColumn) ?? 0;
                if (count < cap)
                {
                    // This text, and the rest of a block this instance may count without asking again today.
                    var take = Math.Min(block, cap - count);
                    if (counter is null)
                    {
                        await storage.Runtime.AddEntityAsync(new TableEntity(NewNumbersPartition, day) { [CountColumn] = take }, cancellationToken);
                    }
                    else
                    {
                        counter[CountColumn] = count + take;
                        await storage.Runtime.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Merge, cancellationToken);
                    }

                    _reserved = new Reservation(day, take - 1);
                    row.CountedAsNewNumber = true;
                    return null;
                }

                var until = business.Value.StartOf(business.Value.LocalDay(now).AddDays(1));
                if (counter!.GetBoolean(ManagersToldColumn) != true)
                {
                    counter[ManagersToldColumn] = true;
                    await storage.Runtime.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Merge, cancellationToken);
                    await TellManagersAsync(row, day, count, until, now, cancellationToken);
                }

                return until;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance changed the counter first: read it again, after a moment so both do not retry in step.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50)), cancellationToken);
            }
        }

        return now + ContendedRecheck;
    }

    /// <summary>Texts to new numbers this instance has already counted against <see cref="Day"/>'s cap and may still send.</summary>
    private sealed record Reservation(string Day, int Left);

    /// <summary>Records that a number has now been texted, so later texts to it are not counted as new.</summary>
    public async Task TextedAsync(OutboxEntity row, ContactEntity? contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.Channel == Channels.Sms && !MessageKinds.IsForStaff(row.Kind) && contact?.TextedAt is null)
        {
            var key = ContactEntity.PhoneKey(row.Recipient);
            await storage.Contacts.UpsertEntityAsync(new TableEntity(key, key) { [nameof(ContactEntity.TextedAt)] = now }, TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <summary>
    /// Takes this referrer's one thank-you for the window, under the contact row's ETag so that two referrals
    /// at once thank them once. A thank-you already taken by this same inquiry (a retry) may go.
    /// </summary>
    private async Task<string?> ClaimReferrerThanksAsync(OutboxEntity row, ContactEntity? contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = row.Channel == Channels.Sms ? ContactEntity.PhoneKey(row.Recipient) : ContactEntity.EmailKey(row.Recipient);
        var window = intake.Value.DuplicateWindow;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (contact?.ReferrerThankedFor == row.PartitionKey)
            {
                return null;
            }

            if (contact?.ReferrerThankedAt is { } thanked && now - thanked < window)
            {
                return $"this referrer was already thanked at {thanked:u} for another referral (one thank-you per {window.TotalHours:0.#} hours, FollowUp:Intake:DuplicateWindow)";
            }

            var claim = new TableEntity(key, key) { [nameof(ContactEntity.ReferrerThankedAt)] = now, [nameof(ContactEntity.ReferrerThankedFor)] = row.PartitionKey };
            try
            {
                if (contact is null)
                {
                    await storage.Contacts.AddEntityAsync(claim, cancellationToken);
                }
                else
                {
                    await storage.Contacts.UpdateEntityAsync(claim, contact.ETag, TableUpdateMode.Merge, cancellationToken);
                }

                return null;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                contact = await storage.FindContactAsync(key, cancellationToken);
            }
        }

        return "the referrer's row kept changing, so the one thank-you per window could not be checked";
    }

    /// <summary>Texts every manager with a mobile, from the inquiry whose text was the first one held today.</summary>
    private async Task TellManagersAsync(OutboxEntity held, string day, int count, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var people = await directory.ListAsync(cancellationToken);
        var managers = people.Where(p => p.Mobile is not null && people.Any(o => o.ManagerId == p.Id)).ToList();
        var zone = business.Value.FindZone();
        var text = MessageTemplates.Render(templates.Current.ManagerSmsCapSms,
            ("Count", count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Until", PromisedTime.Describe(until, now, zone)),
            ("Business", business.Value.Name));
        var rows = managers.Select(manager =>
        {
            var message = InquiryRows.NewOutbox(
                held.PartitionKey, $"sms-cap-{day}-{manager.Id}", MessageKinds.SmsCapReached, Channels.Sms, manager.Mobile!, null, text, now,
                manager.TimeZone ?? business.Value.TimeZone);
            message.RecipientHours = manager.Hours;
            return message;
        }).ToList();
        var detail = $"Texts to new numbers reached today's cap of {limits.Value.NewNumbersPerDay} (FollowUp:Sms:NewNumbersPerDay); " +
            $"this and later texts to new numbers wait until {until:u}. " +
            (managers.Count > 0 ? $"Told {string.Join(", ", managers.Select(m => m.Name))}." : "No manager has a mobile to tell.");
        List<TableTransactionAction> actions =
        [
            .. rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)),
            new(TableTransactionActionType.Add, InquiryRows.NewEvent(held.PartitionKey, now, 0, MessageKinds.SmsCapReached, detail)),
        ];
        await storage.Inquiries.SubmitTransactionAsync(actions, cancellationToken);
        foreach (var row in rows)
        {
            await queue.EnqueueAsync(new NotificationRef(row.PartitionKey, row.MessageId), cancellationToken);
        }

        NotificationsLog.NewNumberCapReached(logger, limits.Value.NewNumbersPerDay, until, managers.Count);
    }

}
