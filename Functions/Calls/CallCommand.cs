namespace FollowUp.Calls;

/// <summary>
/// <c>CALL 7K2QXM</c> from a staff mobile: click-to-call by text. The code is required (a call is never placed on a
/// guess); the reply says the phone is about to ring, or why not.
/// </summary>
internal sealed class CallCommand(StaffDirectory directory, InquiryCodes codes, ClickToCall calls, MessageTemplates templates) : IInboundSmsCommand
{
    public async Task<string?> TryHandleAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        var words = sms.Body.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0 || !words[0].Equals("CALL", StringComparison.OrdinalIgnoreCase)
            || await directory.FindByMobileAsync(sms.From, cancellationToken) is not { } staff)
        {
            return null;
        }

        var t = templates.Current;
        if (words.Length < 2 || !InquiryCodes.LooksLikeCode(words[1]))
        {
            return MessageTemplates.Render(t.StaffWhichInquiryReply, ("Command", "CALL"));
        }

        var code = words[1].ToUpperInvariant();
        var matches = await codes.FindOpenAsync(code, cancellationToken);
        if (matches.Count != 1)
        {
            var listed = string.Join(", ", matches.Select(m => $"{IdGenerator.LongCode(m.PartitionKey)} ({m.Name})"));
            return MessageTemplates.Render(matches.Count == 0 ? t.StaffUnknownCodeReply : t.StaffAmbiguousCodeReply, ("Code", code), ("Matches", listed), ("Command", "CALL"));
        }

        var inquiry = matches[0];
        var (sid, _, refusal) = await calls.StartAsync(inquiry.Id, staff, cancellationToken);
        var shortCode = IdGenerator.ShortCode(inquiry.Id);
        return sid is null
            ? MessageTemplates.Render(t.StaffRefusedReply, ("Code", shortCode), ("Reason", refusal ?? ""))
            : MessageTemplates.Render(t.StaffCallingReply, ("Code", shortCode), ("Name", inquiry.Name), ("FirstName", PersonName.First(inquiry.Name)));
    }
}
