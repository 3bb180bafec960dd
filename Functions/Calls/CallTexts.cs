using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Calls;

/// <summary>
/// The texts calls send to staff (an urgent page, a voicemail), as outbox rows of the inquiry: stored with their
/// timeline entries in one transaction, then queued and sent at once; the outbound gate decides at send.
/// </summary>
internal sealed class CallTexts(
    IdGenerator ids, OutboxQueue queue, IImmediateDelivery delivery, StaffDirectory directory, IOptions<BusinessOptions> business)
{
    /// <summary>A text to <paramref name="staff"/> about inquiry <paramref name="inquiryId"/>.</summary>
    public OutboxEntity Row(string inquiryId, string kind, StaffEntity staff, string body, DateTimeOffset now)
    {
        var row = InquiryRows.NewOutbox(inquiryId, ids.NewMessageId(), kind, Channels.Sms, staff.Mobile!, null, body, now,
            staff.TimeZone ?? business.Value.TimeZone, SmsConsent.Staff);
        row.RecipientHours = staff.Hours;
        return row;
    }

    /// <summary>Who hears about an inquiry's calls: its owner, else the people on duty (with a mobile).</summary>
    public async Task<IReadOnlyList<StaffEntity>> OwnerOrOnDutyAsync(InquiryEntity inquiry, CancellationToken cancellationToken)
    {
        var people = await directory.ListAsync(cancellationToken);
        return people.FirstOrDefault(p => p.Id == inquiry.OwnerId && p.Mobile is not null) is { } owner
            ? [owner]
            : [.. people.Where(p => p.OnDuty && p.Mobile is not null)];
    }

    /// <summary>The owner and their manager (with a mobile); without an owner, the managers.</summary>
    public async Task<IReadOnlyList<StaffEntity>> OwnerAndManagerAsync(InquiryEntity inquiry, CancellationToken cancellationToken)
    {
        var people = await directory.ListAsync(cancellationToken);
        var owner = people.FirstOrDefault(p => p.Id == inquiry.OwnerId);
        IEnumerable<StaffEntity> paged = owner is null
            ? people.Where(p => people.Any(o => o.ManagerId == p.Id))
            : [owner, .. people.Where(p => p.Id == owner.ManagerId)];
        return [.. paged.Where(p => p.Mobile is not null)];
    }

    /// <summary>Queues the stored rows and sends them now (the queue message is the safety net).</summary>
    public async Task SendAsync(IReadOnlyList<OutboxEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await queue.TryEnqueueAllAsync(rows, delivery.SendsOnIntake ? OutboxQueue.SendingLease : TimeSpan.Zero, cancellationToken);
        if (delivery.SendsOnIntake)
        {
            _ = delivery.SendNowAsync(rows);
        }
    }

    /// <summary>The actions that add <paramref name="rows"/> to their inquiry's partition.</summary>
    public static IEnumerable<TableTransactionAction> Adds(IEnumerable<ITableEntity> rows) =>
        rows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row));
}
