using Azure.Data.Tables;

namespace FollowUp.Staff;

/// <summary>
/// Replies from an inquiry's parties: a text to the business number, or an email to a party's own reply
/// address (SendGrid Inbound Parse). A reply is the party's only when it comes from the number or
/// address that party gave (an email also needs SPF/DKIM not to say otherwise): then it goes on the timeline
/// and to the owner (else the first person on duty) with the inquiry's code, at most
/// <see cref="SmsLimitsOptions.ForwardsPerInquiryPerHour"/> an hour, the rest collapsed into one text. Anything
/// else is kept on the timeline as from an unknown sender, never forwarded and never taken as the party's words.
/// A detail the prospect adds on their status page is theirs by its link, and forwarded the same way.
/// </summary>
internal sealed class PartyReplies(
    FollowUpStorage storage, StaffDirectory directory, ReplyForwards forwards, OutboxQueue queue, StaffThreads threads, TimeProvider time, ILogger<PartyReplies> logger) : IInboundSmsCommand, IInboundReplies
{
    /// <summary>How much of a reply is forwarded (the rest is on the timeline).</summary>
    public const int MaxForwarded = 300;

    /// <summary>How much of a reply the timeline keeps (a table property holds 32,000 characters; an email may hold far more).</summary>
    public const int MaxKept = 4000;


    /// <summary>A text from a number that belongs to a prospect (their open inquiry, else their latest) or to a referrer.</summary>
    public async Task<string?> TryHandleAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        var contact = await storage.FindContactAsync(ContactEntity.PhoneKey(sms.From), cancellationToken);
        var (inquiryId, party) = contact switch
        {
            { OpenInquiryId: { } latest } => (await OpenInquiryOfAsync(sms.From, latest, cancellationToken), Party.Prospect),
            { ReferrerThankedFor: { } referred } => (referred, Party.Referrer),
            _ => ((string?)null, Party.Prospect),
        };
        if (inquiryId is null || !await RecordAsync(inquiryId, new InboundReply(Channels.Sms, sms.From, party, sms.Body), cancellationToken))
        {
            StaffLog.ReplyFromUnknownNumber(logger, Mask.Phone(sms.From));
        }

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
            newestOpen = newestOpen is null || string.CompareOrdinal(inquiry.Id, newestOpen) > 0 ? inquiry.Id : newestOpen;
        }

        return newestOpen ?? latest;
    }

    public async Task<bool> RecordAsync(string inquiryId, InboundReply reply, CancellationToken cancellationToken)
    {
        var people = await directory.ListAsync(cancellationToken);
        var text = reply.Text.Length == 0 ? "(an empty reply)" : reply.Text.Length <= MaxKept ? reply.Text : reply.Text[..MaxKept] + "… (cut)";
        var forwarded = text.Length <= MaxForwarded ? text : text[..MaxForwarded] + "…";
        (OutboxEntity Row, string Mobile, bool Enqueue)? forward = null;
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
                forward = null;
                if (!IsFromParty(inquiry, reply))
                {
                    // Kept for staff to see; not forwarded, not an answer the prospect is waiting on.
                    var how = reply.Channel == Channels.Sms ? "A text" : "An email";
                    var whose = reply.Party == Party.Referrer ? $"{inquiry.ReferrerName}'s" : $"{inquiry.Name}'s";
                    return RowChange<InquiryEntity, bool>.Save(inquiry, true, new TableTransactionAction(TableTransactionActionType.Add, InquiryRows.NewEvent(
                        inquiryId, now, 0, "unknown-sender",
                        $"{how} from an unknown sender ({Mask.Recipient(reply.From.Length <= 320 ? reply.From : reply.From[..320])}) to {whose} reply address, not from their own {(reply.Channel == Channels.Sms ? "number" : "address")}: {text}")));
                }

                var name = reply.Party == Party.Referrer ? inquiry.ReferrerName ?? "The referrer" : inquiry.Name;
                var verb = reply.Channel switch { Channels.Sms => "texted", Channels.Page => "added on their status page", _ => "emailed" };
                List<TableTransactionAction> actions = reply.Party == Party.Referrer
                    ? [new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiryId, now, 0, "referrer-replied", $"{name} (who referred {inquiry.Name}) {verb}: {text}", actor: "referrer"))]
                    : [new(TableTransactionActionType.Add, InquiryRows.NewEvent(
                        inquiryId, now, 0, reply.Channel == Channels.Page ? "detail-added" : "prospect-replied", $"{name} {verb}: {text}", actor: "prospect"))];
                if (reply.Party == Party.Prospect)
                {
                    inquiry.ReplyPendingSince ??= now;
                    inquiry.LastReply = forwarded;
                    if (reply.Channel == Channels.Page)
                    {
                        // A detail from the status page: an answer still goes back the way they last wrote, or as they asked.
                        inquiry.DetailsAdded++;
                    }
                    else
                    {
                        inquiry.LastReplyChannel = reply.Channel;
                    }
                }

                var owner = ProspectRequests.OwnerToTell(people, inquiry);
                if (owner is null)
                {
                    actions.Add(new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiryId, now, 1, "note", "Nobody with a mobile is on duty to forward the reply to.")));
                    return RowChange<InquiryEntity, bool>.Save(inquiry, true, actions);
                }

                forward = forwards.Forward(inquiry, reply.Party, owner, forwarded, now, actions);
                return RowChange<InquiryEntity, bool>.Save(inquiry, true, actions);
            },
            () => throw new InvalidOperationException($"Could not record a reply to {inquiryId}: the inquiry keeps changing."),
            cancellationToken);

        if (recorded && forward is var (row, mobile, enqueue))
        {
            await threads.WaitingAsync(mobile, inquiryId, row.MessageId, time.GetUtcNow(), cancellationToken);
            if (enqueue)
            {
                await queue.EnqueueAfterAsync(new NotificationRef(row.PartitionKey, row.MessageId), row.NotBefore is { } at ? at - time.GetUtcNow() : TimeSpan.Zero, cancellationToken);
            }
        }

        return recorded;
    }

    /// <summary>Whether a reply comes from the number or address its party gave.</summary>
    private static bool IsFromParty(InquiryEntity inquiry, InboundReply reply) => (reply.Channel, reply.Party) switch
    {
        (Channels.Sms, Party.Prospect) => inquiry.Phone == reply.From,
        (Channels.Sms, Party.Referrer) => inquiry.ReferrerPhone == reply.From,
        (Channels.Email, Party.Prospect) => reply.Vouched && EmailSender.Same(inquiry.Email, reply.From),
        (Channels.Email, Party.Referrer) => reply.Vouched && EmailSender.Same(inquiry.ReferrerEmail, reply.From),
        (Channels.Page, Party.Prospect) => true, // the status link's token is the prospect's own
        _ => false,
    };
}
