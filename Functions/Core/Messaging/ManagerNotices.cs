using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// Tells every manager with a mobile, once, that a daily cap on texts was reached: through the outbox, on
/// the timeline of the inquiry whose text was the first one held.
/// </summary>
internal sealed class ManagerNotices(
    FollowUpStorage storage, StaffDirectory directory, OutboxQueue queue, MessageTemplates templates, IOptions<BusinessOptions> business, ILogger<ManagerNotices> logger)
{
    /// <param name="noticeId">The notice's id for the day (<c>sms-cap</c>, <c>sms-budget</c>): one text per manager and day.</param>
    /// <param name="what">What reached its cap, for the timeline: "texts to new numbers reached today's cap of 200 (…)".</param>
    public async Task TellAsync(OutboxEntity held, string noticeId, string what, int count, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var people = await directory.ListAsync(cancellationToken);
        var managers = people.Where(p => p.Mobile is not null && people.Any(o => o.ManagerId == p.Id)).ToList();
        var template = noticeId == "sms-budget" ? templates.Current.ManagerSmsBudgetSms : templates.Current.ManagerSmsCapSms;
        var text = MessageTemplates.Render(template,
            ("Count", count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Until", TimeInWords.Describe(until, now, business.Value.FindZone())),
            ("Business", business.Value.Name));
        var day = business.Value.LocalDate(now);
        var rows = managers.Select(manager =>
        {
            var message = InquiryRows.NewOutbox(
                held.PartitionKey, $"{noticeId}-{day}-{manager.Id}", MessageKinds.SmsCapReached, Channels.Sms, manager.Mobile!, null, text, now,
                manager.TimeZone ?? business.Value.TimeZone);
            message.RecipientHours = manager.Hours;
            return message;
        }).ToList();
        var detail = $"{char.ToUpperInvariant(what[0])}{what[1..]}; this text and later ones like it wait until {until:u}. " +
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

        CoreLog.DailyCapReached(logger, noticeId, count, until, managers.Count);
    }
}
