using Azure.Data.Tables;
using FollowUp.Storage;
using FollowUp.Webhooks;

namespace FollowUp.Staff;

/// <summary>
/// Staff replies by SMS to the business number: <c>CLAIM 7K2Q</c>, <c>DONE 7K2Q spoke to her, booked Tue</c>,
/// <c>PASS 7K2Q</c>; without a code, the inquiry they were last texted about. Anything else from a staff
/// number gets a short help reply. Texts from other numbers are not staff commands.
/// </summary>
internal sealed class StaffSmsCommands(StaffDirectory directory, InquiryWork work, FollowUpStorage storage) : IInboundSmsCommand
{
    public const string Help = "FollowUp: reply CLAIM <code>, DONE <code> <note> or PASS <code>. Without a code, the last inquiry you were texted about.";

    public async Task<string?> TryHandleAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        var staff = await directory.FindByMobileAsync(sms.From, cancellationToken);
        if (staff is null)
        {
            return null;
        }

        var words = sms.Body.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = words.Length > 0 ? words[0].ToUpperInvariant() : "";
        if (command is not ("CLAIM" or "DONE" or "PASS"))
        {
            return Help;
        }

        var code = words.Length > 1 && words[1].Length == 4 && await FindByCodeAsync(words[1], cancellationToken) is { } byCode ? byCode : null;
        var inquiryId = code ?? await directory.LastRemindedAsync(staff.Id, cancellationToken);
        var note = code is null ? string.Join(' ', words.Skip(1)) : words.Length > 2 ? words[2] : null;
        if (inquiryId is null)
        {
            return "FollowUp: which inquiry? Add its code, e.g. " + command + " 7K2Q.";
        }

        var result = command switch
        {
            "CLAIM" => await work.ClaimAsync(inquiryId, staff, cancellationToken),
            "PASS" => await work.PassAsync(inquiryId, staff, cancellationToken),
            _ => await work.LogAttemptAsync(inquiryId, staff, "phone", "reached", string.IsNullOrWhiteSpace(note) ? null : note, cancellationToken),
        };
        var shortCode = inquiryId[^4..];
        return result switch
        {
            WorkResult.Done { Inquiry: var inquiry } when command == "CLAIM" => $"FollowUp {shortCode}: {inquiry.Name} is yours.",
            WorkResult.Done { Inquiry: var inquiry } when command == "PASS" => $"FollowUp {shortCode}: passed to {inquiry.OwnerName}.",
            WorkResult.Done { Inquiry: var inquiry } => $"FollowUp {shortCode}: logged that you reached {inquiry.Name}.",
            WorkResult.Conflict conflict => $"FollowUp {shortCode}: {conflict.Reason}",
            WorkResult.Forbidden forbidden => $"FollowUp {shortCode}: {forbidden.Reason}",
            _ => $"FollowUp: no open inquiry {shortCode}.",
        };
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
