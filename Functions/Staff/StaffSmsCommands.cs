using Microsoft.Extensions.Options;

namespace FollowUp.Staff;

/// <summary>
/// Staff replies by SMS to the business number: <c>CLAIM 7K2Q</c>, <c>DONE 7K2Q spoke to her, booked Tue</c>,
/// <c>PASS 7K2Q</c>, <c>R 7K2Q see you at 5</c> (answer the prospect's text from the business number); without a
/// code, the inquiry they were last texted about. Anything else from a staff number gets a short help reply.
/// Texts from other numbers are not staff commands.
/// </summary>
internal sealed class StaffSmsCommands(
    StaffDirectory directory, StaffActions actions, ContactAttempts attempts, AnswerRelay relay, InquiryCodes codes, StaffThreads threads, MessageTemplates templates, TimeProvider time,
    IOptions<SmsLimitsOptions> limits) : IInboundSmsCommand
{
    public async Task<string?> TryHandleAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        var staff = await directory.FindByMobileAsync(sms.From, cancellationToken);
        if (staff is null)
        {
            return null;
        }

        var words = sms.Body.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = words.Length > 0 ? words[0].ToUpperInvariant() : "";
        var t = templates.Current;
        command = command == "REPLY" ? "R" : command;
        if (command is not ("CLAIM" or "DONE" or "PASS" or "R"))
        {
            return t.StaffHelpReply;
        }

        // A first word shaped like a code is a code, and is never guessed at: no match or two matches get
        // a question back and change nothing. Without one, the command means the inquiry last texted about.
        string? inquiryId;
        string? note;
        if (words.Length > 1 && InquiryCodes.LooksLikeCode(words[1]))
        {
            var code = words[1].ToUpperInvariant();
            var matches = await codes.FindOpenAsync(code, cancellationToken);
            if (matches.Count != 1)
            {
                var listed = string.Join(", ", matches.Select(m => $"{IdGenerator.LongCode(m.PartitionKey)} ({m.Name})"));
                return MessageTemplates.Render(matches.Count == 0 ? t.StaffUnknownCodeReply : t.StaffAmbiguousCodeReply,
                    ("Code", code), ("Matches", listed), ("Command", command), ("Name", ""), ("Owner", ""), ("Reason", ""));
            }

            inquiryId = matches[0].PartitionKey;
            note = words.Length > 2 ? words[2] : null;
        }
        else
        {
            inquiryId = await LastDeliveredAsync(staff.Mobile!, command, cancellationToken);
            note = string.Join(' ', words.Skip(1));
        }

        if (inquiryId is null)
        {
            return MessageTemplates.Render(t.StaffWhichInquiryReply, ("Command", command));
        }

        var result = command switch
        {
            "CLAIM" => await actions.ClaimAsync(inquiryId, staff, cancellationToken),
            "PASS" => await actions.PassAsync(inquiryId, staff, cancellationToken),
            "R" => await relay.RelayAsync(inquiryId, staff, note?.Trim() ?? "", cancellationToken),
            _ => await attempts.LogAttemptAsync(inquiryId, staff, "phone", ContactAttempts.Reached, string.IsNullOrWhiteSpace(note) ? null : note, cancellationToken),
        };
        var shortCode = IdGenerator.ShortCode(inquiryId);
        (string Template, string? Name, string? Owner, string? Reason) reply = result switch
        {
            WorkResult.Done { Inquiry: var inquiry } when command == "CLAIM" => (t.StaffClaimedReply, inquiry.Name, inquiry.OwnerName, null),
            WorkResult.Done { Inquiry: var inquiry } when command == "PASS" => (t.StaffPassedReply, inquiry.Name, inquiry.OwnerName, null),
            WorkResult.Done { Inquiry: var inquiry } when command == "R" => (t.StaffRelayedReply, inquiry.Name, inquiry.OwnerName, null),
            WorkResult.Invalid invalid => (t.StaffRefusedReply, null, null, "Add your answer after the code: R " + shortCode + " <text>, at most " + AnswerRelay.MaxRelayedText + " characters."),
            WorkResult.Done { Inquiry: var inquiry } => (t.StaffReachedReply, inquiry.Name, inquiry.OwnerName, null),
            WorkResult.Conflict conflict => (t.StaffRefusedReply, null, null, conflict.Reason),
            WorkResult.Forbidden forbidden => (t.StaffRefusedReply, null, null, forbidden.Reason),
            _ => (t.StaffUnknownCodeReply, null, null, null),
        };
        var channel = result is WorkResult.Done { Channel: { } by } ? (by == Channels.Email ? "by email" : "by text") : "";
        return MessageTemplates.Render(reply.Template, ("Code", shortCode), ("Name", reply.Name ?? ""), ("FirstName", PersonName.First(reply.Name ?? "")),
            ("Owner", reply.Owner ?? ""), ("Reason", reply.Reason ?? ""), ("Command", command), ("Channel", channel));
    }

    /// <summary>
    /// The inquiry a command without a code means: the one of the last text delivered to this phone, if that
    /// was within <see cref="SmsLimitsOptions.BareCommandFor"/>, no forward about another inquiry is still on
    /// its way (it could land between reading and answering), and, for <c>R</c>, which writes to a person, the
    /// text was a reply forwarded to them (not a reminder about someone who never wrote); otherwise none, and
    /// the sender is asked which.
    /// </summary>
    private async Task<string?> LastDeliveredAsync(string mobile, string command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await threads.LastAsync(mobile, cancellationToken) is not var (inquiryId, at, kind) || now - at > limits.Value.BareCommandFor
            || (command == "R" && kind != MessageKinds.ProspectReply))
        {
            return null;
        }

        return (await threads.WaitingAsync(mobile, now, cancellationToken)).Any(waiting => waiting != inquiryId) ? null : inquiryId;
    }
}
