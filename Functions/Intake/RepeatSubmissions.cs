using Azure.Data.Tables;
using static FollowUp.Intake.ContactClaims;

namespace FollowUp.Intake;

/// <summary>
/// A submission that repeats an open inquiry (the same phone or email within the duplicate window): it is
/// counted and noted on the inquiry's timeline, and only the inquiry's own contacts are pointed at it.
/// </summary>
internal sealed class RepeatSubmissions(FollowUpStorage storage, ILogger<RepeatSubmissions> logger)
{
    /// <summary>Joins the submission to <paramref name="inquiry"/>; the inquiry as now stored.</summary>
    public async Task<InquiryEntity> JoinAsync(InquiryEntity inquiry, Submission submission, Contact[] contacts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var prospect = submission.Prospect;
        // A repeat joins on the phone or address it shares with the open inquiry; anything else it gives is
        // noted for staff, never added: whoever typed it may not be the person the inquiry belongs to.
        var foreign = new[] { prospect.Phone is { } phone && phone != inquiry.Phone ? phone : null, prospect.Email is { } email && !EmailSender.Same(email, inquiry.Email) ? email : null }
            .OfType<string>().ToList();
        var detail = (prospect.Message is null ? $"Submitted again from {prospect.Source}." : $"Submitted again from {prospect.Source}: {prospect.Message}")
            + (foreign.Count == 0 ? "" : $" It also gave {string.Join(" and ", foreign.Select(Mask.Recipient))}, which this inquiry does not have: not added, as it may not be theirs.");
        // Another repeat may count itself first; then this one counts again on the fresh row.
        inquiry = await storage.Inquiries.ChangeAsync<InquiryEntity, InquiryEntity>(
            inquiry.Id,
            inquiry.RowKey,
            current =>
            {
                current!.Submissions++;
                return RowChange<InquiryEntity, InquiryEntity>.Save(current, current, new TableTransactionAction(
                    TableTransactionActionType.Add, InquiryRows.NewEvent(current.PartitionKey, now, 0, "received-again", detail, actor: "prospect")));
            },
            () => throw new InvalidOperationException($"Could not count a repeat submission of {inquiry.Id}: the inquiry keeps changing."),
            cancellationToken,
            known: inquiry,
            mode: TableUpdateMode.Merge);

        // Points the inquiry's own contacts at it, and restarts the window. Only these two columns: a whole
        // ContactEntity would also write its defaults (no STOP, never texted) over the row's facts.
        var own = new[] { inquiry.Phone is { } p ? ContactEntity.PhoneKey(p) : null, inquiry.Email is { } e ? ContactEntity.EmailKey(e) : null };
        await Task.WhenAll(contacts.Where(contact => own.Contains(contact.Key)).Select(contact => storage.Contacts.UpsertEntityAsync(
            new TableEntity(contact.Key, contact.Key)
            {
                [nameof(ContactEntity.OpenInquiryId)] = inquiry.Id,
                [nameof(ContactEntity.LastSubmittedAt)] = now,
            },
            TableUpdateMode.Merge,
            cancellationToken)));
        IntakeLog.Joined(logger, inquiry.Id, inquiry.Submissions);

        return inquiry;
    }
}
