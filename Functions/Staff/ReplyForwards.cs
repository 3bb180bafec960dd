using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Staff;

/// <summary>
/// Forwards of a party's replies to the owner: at most <see cref="SmsLimitsOptions.ForwardsPerInquiryPerHour"/>
/// an hour per inquiry, each with the inquiry's code; the rest of the hour's replies become one "N more
/// replies" text at its end, rewritten with each reply held (all of them are on the timeline).
/// </summary>
internal sealed class ReplyForwards(IdGenerator ids, MessageTemplates templates, IOptions<BusinessOptions> business, IOptions<SmsLimitsOptions> limits)
{
    private static readonly TimeSpan ForwardWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// The forward of a reply to <paramref name="owner"/>: its own text while the inquiry's hour has room, else
    /// the hour's one "N more replies" text, due when the hour ends and rewritten with each reply held.
    /// </summary>
    public (OutboxEntity Row, string Mobile, bool Enqueue) Forward(
        InquiryEntity inquiry, Party party, StaffEntity owner, string text, DateTimeOffset now, List<TableTransactionAction> actions)
    {
        var id = inquiry.Id;
        if (inquiry.ForwardsSince is not { } since || now - since >= ForwardWindow)
        {
            (inquiry.ForwardsSince, inquiry.ForwardsInWindow, inquiry.RepliesHeld) = (now, 0, 0);
        }

        var t = templates.Current;
        var code = IdGenerator.ShortCode(id);
        (string, string)[] values =
        [
            ("Name", party == Party.Referrer ? inquiry.ReferrerName ?? "The referrer" : inquiry.Name), ("Prospect", inquiry.Name), ("Code", code), ("Text", text),
            ("Business", business.Value.Name), ("Count", (inquiry.RepliesHeld + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        OutboxEntity row;
        bool enqueue;
        if (inquiry.ForwardsInWindow < limits.Value.ForwardsPerInquiryPerHour)
        {
            inquiry.ForwardsInWindow++;
            row = InquiryRows.NewOutbox(id, ids.NewMessageId(), MessageKinds.ProspectReply, Channels.Sms, owner.Mobile!, null,
                MessageTemplates.Render(party == Party.Referrer ? t.ReferrerReplySms : t.ProspectReplySms, values), now, owner.TimeZone ?? business.Value.TimeZone);
            actions.Add(new(TableTransactionActionType.Add, row));
            actions.Add(new(TableTransactionActionType.Add, InquiryRows.NewEvent(id, now, 1, "reply-forwarded", $"Forwarded to {owner.Name}.")));
            enqueue = true;
        }
        else
        {
            // One text for the rest of the hour: added with the first reply held (and queued for the hour's end), rewritten with each later one.
            inquiry.RepliesHeld++;
            row = InquiryRows.NewOutbox(id, $"replies-held-{inquiry.ForwardsSince!.Value.UtcTicks}", MessageKinds.ProspectReply, Channels.Sms, owner.Mobile!, null,
                MessageTemplates.Render(t.RepliesHeldSms, values), now, owner.TimeZone ?? business.Value.TimeZone);
            row.NotBefore = inquiry.ForwardsSince + ForwardWindow;
            enqueue = inquiry.RepliesHeld == 1;
            actions.Add(enqueue
                ? new(TableTransactionActionType.Add, row)
                : new(TableTransactionActionType.UpdateMerge, new TableEntity(id, row.RowKey) { [nameof(OutboxEntity.Body)] = row.Body }, Azure.ETag.All));
            actions.Add(new(TableTransactionActionType.Add, InquiryRows.NewEvent(id, now, 1, "reply-held",
                $"Not forwarded at once: {limits.Value.ForwardsPerInquiryPerHour} replies were forwarded this hour (FollowUp:Sms:ForwardsPerInquiryPerHour); {owner.Name} gets one text for the rest at {row.NotBefore:u}.")));
        }

        row.RecipientHours = owner.Hours;
        return (row, owner.Mobile!, enqueue);
    }
}
