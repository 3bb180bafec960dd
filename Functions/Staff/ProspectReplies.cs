using Azure.Data.Tables;
using FollowUp.Notifications;
using FollowUp.Storage;
using FollowUp.Webhooks;

namespace FollowUp.Staff;

/// <summary>
/// A text to the business number from a prospect (not a keyword, not a staff mobile), or an email reply
/// (<see cref="Webhooks.SendGridInboundApi"/>): it goes on the timeline of their inquiry (for a text, their
/// open one, else the one their number last submitted) and is forwarded at
/// once to its owner, else the first person on duty, with the inquiry's code, so they can answer with
/// <c>R {Code} …</c>. Until someone answers, "no news" updates to the prospect wait and the owner's
/// reminders say they replied. A text from a number FollowUp does not know is only logged.
/// </summary>
internal sealed class ProspectReplies(
    FollowUpStorage storage, StaffDirectory directory, OutboxQueue queue, IdGenerator ids, MessageTemplates templates, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<BusinessOptions> business, ILogger<ProspectReplies> logger) : IInboundSmsCommand
{
    /// <summary>How much of a reply is forwarded (the rest is on the timeline).</summary>
    public const int MaxForwarded = 300;

    public async Task<string?> TryHandleAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        if (await storage.FindContactAsync(ContactEntity.PhoneKey(sms.From), cancellationToken) is not { OpenInquiryId: { } latest })
        {
            StaffLog.ReplyFromUnknownNumber(logger, Mask.Phone(sms.From));
            return null;
        }

        await RecordAsync(await OpenInquiryOfAsync(sms.From, latest, cancellationToken), Channels.Sms, sms.Body, cancellationToken);

        // No automatic answer either way: the prospect hears from a person.
        return null;
    }

    /// <summary>
    /// The inquiry a text belongs to: the one the number last submitted when it is open, else the newest
    /// open one with that number (an older inquiry can outlive a newer one that was closed), else the last one.
    /// </summary>
    private async Task<string> OpenInquiryOfAsync(string phone, string latest, CancellationToken cancellationToken)
    {
        if ((await storage.FindInquiryAsync(latest, cancellationToken, [nameof(InquiryEntity.Status)]))?.Status == InquiryStatus.Open)
        {
            return latest;
        }

        string? newestOpen = null;
        await foreach (var inquiry in storage.Inquiries.QueryAsync<InquiryEntity>(
            InquiryRows.Headers($"Phone eq {phone} and Status eq {InquiryStatus.Open}"), select: [nameof(InquiryEntity.PartitionKey)], cancellationToken: cancellationToken))
        {
            newestOpen = newestOpen is null || string.CompareOrdinal(inquiry.PartitionKey, newestOpen) > 0 ? inquiry.PartitionKey : newestOpen;
        }

        return newestOpen ?? latest;
    }

    /// <summary>
    /// Records a prospect's reply (by <paramref name="channel"/>) on the inquiry and forwards it to the owner;
    /// false when there is no such inquiry.
    /// </summary>
    public async Task<bool> RecordAsync(string inquiryId, string channel, string body, CancellationToken cancellationToken)
    {
        var people = await directory.ListAsync(cancellationToken);
        var text = body.Length <= MaxForwarded ? body : body[..MaxForwarded] + "…";
        (OutboxEntity Row, string OwnerId)? forwarded = null;
        var recorded = await storage.Inquiries.ChangeAsync<InquiryEntity, bool>(
            inquiryId,
            InquiryRows.Header(inquiryId),
            inquiry =>
            {
                if (inquiry is null)
                {
                    return RowChange<InquiryEntity, bool>.Stop(false);
                }

                var now = time.GetUtcNow();
                inquiry.ReplyPendingSince ??= now;
                inquiry.LastReply = text;
                inquiry.LastReplyChannel = channel;
                var owner = people.FirstOrDefault(p => p.Id == inquiry.OwnerId && p.Mobile is not null)
                    ?? people.Where(p => p.OnDuty && p.Mobile is not null).OrderBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault();
                List<TableTransactionAction> actions =
                [
                    new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiryId, now, 0, "prospect-replied", $"{inquiry.Name} {(channel == Channels.Sms ? "texted" : "emailed")}: {body}", actor: "prospect")),
                ];
                if (owner is not null)
                {
                    var forward = InquiryRows.NewOutbox(
                        inquiryId, ids.NewMessageId(), MessageKinds.ProspectReply, Channels.Sms, owner.Mobile!, null,
                        MessageTemplates.Render(templates.Current.ProspectReplySms,
                            ("Name", inquiry.Name), ("Code", IdGenerator.ShortCode(inquiryId)), ("Text", text), ("Business", business.Value.Name)),
                        now, owner.TimeZone ?? business.Value.TimeZone);
                    forward.RecipientHours = owner.Hours;
                    actions.Add(new(TableTransactionActionType.Add, forward));
                    actions.Add(new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiryId, now, 1, "reply-forwarded", $"Forwarded to {owner.Name}.")));
                    forwarded = (forward, owner.Id);
                }
                else
                {
                    actions.Add(new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiryId, now, 1, "note", "Nobody with a mobile is on duty to forward the reply to.")));
                }

                return RowChange<InquiryEntity, bool>.Save(inquiry, true, actions);
            },
            () => throw new InvalidOperationException($"Could not record a reply to {inquiryId}: the inquiry keeps changing."),
            cancellationToken);

        if (recorded && forwarded is var (row, ownerId))
        {
            await queue.EnqueueAsync(new NotificationRef(row.PartitionKey, row.MessageId), cancellationToken);
            await directory.RememberRemindedAsync(ownerId, inquiryId, cancellationToken); // a bare "R …" means this one
        }

        return recorded;
    }
}
