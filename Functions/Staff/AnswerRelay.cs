using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Staff;

/// <summary>
/// The owner's answer to a party's reply (<c>R {Code} …</c>), sent from the business number back the way
/// the prospect last wrote, on the consent that gives, and logged as a contact attempt (so the attempt cap
/// holds). The outbound gate checks it again as it is sent.
/// </summary>
internal sealed class AnswerRelay(
    InquiryChanges changes,
    ContactAttempts attempts,
    FollowUpStorage storage,
    OutboundGate gate,
    OutboxQueue queue,
    MessageTemplates templates,
    IdGenerator ids,
    QuietHours quietHours,
    IOptions<BusinessOptions> business)
{
    /// <summary>The longest answer relayed by text (three SMS segments).</summary>
    public const int MaxRelayedText = 450;

    /// <summary>
    /// Relays the owner's answer to the prospect's text (<c>R {Code} …</c>) from the business number: a
    /// text through the outbox (so quiet hours and STOP hold as it is sent), logged as an SMS attempt
    /// (so the attempt cap holds), and the reply counts as answered.
    /// </summary>
    public async Task<WorkResult> RelayAsync(string id, StaffEntity caller, string text, CancellationToken ct)
    {
        if (text.Length is 0 or > MaxRelayedText)
        {
            return new WorkResult.Invalid("text", $"Write 1 to {MaxRelayedText} characters.");
        }

        string? channel = null;
        var result = await changes.ChangeAsync(id, caller, ownerOnly: true, ct, async (inquiry, now) =>
        {
            // Back the way the prospect last wrote, on the consent that gives (the outbound gate checks it again as it is sent).
            var phoneKey = inquiry.Phone is { } phone ? ContactEntity.PhoneKey(phone) : null;
            var emailKey = inquiry.Email is { } email ? ContactEntity.EmailKey(email) : null;
            var contacts = await Task.WhenAll(new[] { phoneKey, emailKey }.OfType<string>().Select(key => storage.FindContactAsync(key, ct)));
            var (by, consent, whyNot) = ProspectRoutes.Answer(inquiry, await gate.ReachAsync(inquiry.Phone, inquiry.Email, contacts, ct));
            if (by is null)
            {
                return (new WorkResult.Conflict(whyNot!), null);
            }

            var bySms = by == Channels.Sms;
            var (stop, actions) = await attempts.AttemptAsync(inquiry, caller, by, bySms ? ContactAttempts.Texted : "emailed", text, now, ct,
                ("answer-relayed", $"{caller.Name} answered by {(bySms ? "text" : "email")}: {text}"));
            if (stop is not null)
            {
                return (stop, null);
            }

            var t = templates.Current;
            (string, string)[] values = [("Text", text), ("Staff", caller.FirstName), ("Business", business.Value.Name)];
            var answer = bySms
                ? InquiryRows.NewOutbox(id, ids.NewMessageId(), MessageKinds.RelayedAnswer, Channels.Sms, inquiry.Phone!, null,
                    MessageTemplates.Render(t.RelayedAnswerSms, values), now, quietHours.ZoneFor(inquiry.TimeZone, inquiry.Phone), consent)
                : InquiryRows.NewOutbox(id, ids.NewMessageId(), MessageKinds.RelayedAnswer, Channels.Email, inquiry.Email!,
                    MessageTemplates.Render(t.RelayedAnswerEmailSubject, values), MessageTemplates.Render(t.RelayedAnswerSms, values), now);
            await queue.EnqueueAfterAsync(new NotificationRef(id, answer.MessageId), ContactAttempts.StoredFirstDelay, ct); // before storing, as for the referrer update
            inquiry.ReplyPendingSince = null;
            channel = by;
            return (null, [.. actions!, new(TableTransactionActionType.Add, answer)]);
        });
        return result is WorkResult.Done done ? done with { Channel = channel } : result;
    }
}
