using Azure.Data.Tables;
using FollowUp.Notifications;
using FollowUp.Storage;
using FollowUp.Webhooks;

namespace FollowUp.Staff;

/// <summary>
/// Staff replies by SMS to the business number: <c>CLAIM 7K2Q</c>, <c>DONE 7K2Q spoke to her, booked Tue</c>,
/// <c>PASS 7K2Q</c>; without a code, the inquiry they were last texted about. Anything else from a staff
/// number gets a short help reply. Texts from other numbers are not staff commands.
/// </summary>
internal sealed class StaffSmsCommands(StaffDirectory directory, InquiryWork work, FollowUpStorage storage, MessageTemplates templates) : IInboundSmsCommand
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
        if (command is not ("CLAIM" or "DONE" or "PASS"))
        {
            return t.StaffHelpReply;
        }

        var code = words.Length > 1 && words[1].Length == 4 && await FindByCodeAsync(words[1], cancellationToken) is { } byCode ? byCode : null;
        var inquiryId = code ?? await directory.LastRemindedAsync(staff.Id, cancellationToken);
        var note = code is null ? string.Join(' ', words.Skip(1)) : words.Length > 2 ? words[2] : null;
        if (inquiryId is null)
        {
            return MessageTemplates.Render(t.StaffWhichInquiryReply, ("Command", command));
        }

        var result = command switch
        {
            "CLAIM" => await work.ClaimAsync(inquiryId, staff, cancellationToken),
            "PASS" => await work.PassAsync(inquiryId, staff, cancellationToken),
            _ => await work.LogAttemptAsync(inquiryId, staff, "phone", "reached", string.IsNullOrWhiteSpace(note) ? null : note, cancellationToken),
        };
        var shortCode = inquiryId[^4..];
        (string Template, string? Name, string? Owner, string? Reason) reply = result switch
        {
            WorkResult.Done { Inquiry: var inquiry } when command == "CLAIM" => (t.StaffClaimedReply, inquiry.Name, inquiry.OwnerName, null),
            WorkResult.Done { Inquiry: var inquiry } when command == "PASS" => (t.StaffPassedReply, inquiry.Name, inquiry.OwnerName, null),
            WorkResult.Done { Inquiry: var inquiry } => (t.StaffReachedReply, inquiry.Name, inquiry.OwnerName, null),
            WorkResult.Conflict conflict => (t.StaffRefusedReply, null, null, conflict.Reason),
            WorkResult.Forbidden forbidden => (t.StaffRefusedReply, null, null, forbidden.Reason),
            _ => (t.StaffUnknownCodeReply, null, null, null),
        };
        return MessageTemplates.Render(reply.Template, ("Code", shortCode), ("Name", reply.Name ?? ""), ("Owner", reply.Owner ?? ""), ("Reason", reply.Reason ?? ""), ("Command", command));
    }

    /// <summary>The open inquiry whose id ends with <paramref name="code"/>.</summary>
    private async Task<string?> FindByCodeAsync(string code, CancellationToken cancellationToken)
    {
        await foreach (var inquiry in storage.Inquiries.QueryAsync<InquiryEntity>(
            InquiryRows.Headers($"Status eq {InquiryStatus.Open}"), cancellationToken: cancellationToken))
        {
            if (inquiry.PartitionKey.EndsWith(code, StringComparison.OrdinalIgnoreCase))
            {
                return inquiry.PartitionKey;
            }
        }

        return null;
    }
}
