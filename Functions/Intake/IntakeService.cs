using Azure;
using Azure.Data.Tables;
using FollowUp.Notifications;
using FollowUp.Storage;
using FollowUp.Windows;
using Microsoft.Extensions.Options;

namespace FollowUp.Intake;

/// <summary>
/// Accepts a validated submission: joins it to the contact's open inquiry when it repeats one,
/// otherwise stores a new inquiry, its first timeline events and its outbox messages in one
/// entity-group transaction, then queues the messages. Once this returns, nothing is lost:
/// messages that could not be queued are queued by the outbox sweep.
/// </summary>
internal sealed class IntakeService(
    FollowUpStorage storage,
    IdGenerator ids,
    Acknowledgments acknowledgments,
    OutboxQueue outboxQueue,
    TimeProvider time,
    IOptions<IntakeOptions> options,
    IOptions<ResponseWindowOptions> windows,
    ILogger<IntakeService> logger)
{
    public async Task<IntakeResult> SubmitAsync(Submission submission, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var contactKeys = ContactKeys(submission.Prospect).ToArray();
        var open = await FindOpenInquiryAsync(contactKeys, now, cancellationToken);
        if (open is not null)
        {
            return await JoinAsync(open, submission.Prospect, contactKeys, now, cancellationToken);
        }

        var inquiry = NewInquiry(submission, now);
        var composed = acknowledgments.Compose(inquiry, now);
        var detail = submission.Referrer is null
            ? $"Inquiry received from {inquiry.Source}."
            : $"Referral received from {submission.Referrer.Name}, via {inquiry.Source}.";
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, inquiry),
            new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.PartitionKey, now, 0, "received", detail, actor: "prospect")),
            .. composed.Notes.Select((note, i) => new TableTransactionAction(
                TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.PartitionKey, now, i + 1, "note", note))),
            .. composed.Outbox.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)),
        ];
        await storage.Inquiries.SubmitTransactionAsync(actions, cancellationToken);
        IntakeLog.Stored(logger, inquiry.PartitionKey, inquiry.Source, composed.Outbox.Count);

        await Task.WhenAll(
            RememberContactsAsync(contactKeys, inquiry.PartitionKey, now, cancellationToken),
            outboxQueue.TryEnqueueAllAsync(composed.Outbox, cancellationToken));

        var acknowledgment = composed.Outbox.FirstOrDefault(row => row.Kind == MessageKinds.Acknowledgment);
        return new IntakeResult(inquiry, Joined: false, AcknowledgedBy: acknowledgment?.Channel);
    }

    private InquiryEntity NewInquiry(Submission submission, DateTimeOffset now)
    {
        var prospect = submission.Prospect;
        var window = submission.Referrer is null ? windows.Value.WebForm : windows.Value.Referral;
        return new InquiryEntity
        {
            PartitionKey = ids.NewInquiryId(),
            Name = prospect.Name,
            Email = prospect.Email,
            Phone = prospect.Phone,
            Message = prospect.Message,
            PreferredChannel = prospect.PreferredChannel ?? "",
            Source = prospect.Source,
            TimeZone = prospect.TimeZone,
            ConsentToSms = prospect.ConsentToSms,
            CreatedAt = now,
            RespondBy = now + window,
            ReferrerName = submission.Referrer?.Name,
            ReferrerEmail = submission.Referrer?.Email,
            ReferrerPhone = submission.Referrer?.Phone,
            ReferrerConsentToSms = submission.Referrer?.ConsentToSms ?? false,
        };
    }

    private static IEnumerable<string> ContactKeys(Prospect prospect)
    {
        if (prospect.Phone is not null)
        {
            yield return ContactEntity.PhoneKey(prospect.Phone);
        }

        if (prospect.Email is not null)
        {
            yield return ContactEntity.EmailKey(prospect.Email);
        }
    }

    private async Task<InquiryEntity?> FindOpenInquiryAsync(string[] contactKeys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = options.Value.DuplicateWindow;
        var contacts = await Task.WhenAll(contactKeys.Select(key =>
            storage.Contacts.GetEntityIfExistsAsync<ContactEntity>(key, ContactEntity.Row, cancellationToken: cancellationToken)));
        foreach (var contact in contacts)
        {
            if (contact.HasValue && contact.Value is { OpenInquiryId: { } id, LastSubmittedAt: { } last } && now - last <= window)
            {
                var inquiry = await storage.Inquiries.GetEntityIfExistsAsync<InquiryEntity>(id, InquiryRows.Inquiry, cancellationToken: cancellationToken);
                if (inquiry.HasValue && inquiry.Value is { Status: InquiryStatus.Open } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private async Task<IntakeResult> JoinAsync(InquiryEntity inquiry, Prospect prospect, string[] contactKeys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        inquiry.Submissions++;
        var detail = prospect.Message is null
            ? $"Submitted again from {prospect.Source}."
            : $"Submitted again from {prospect.Source}: {prospect.Message}";
        await storage.Inquiries.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateMerge, inquiry, ETag.All),
                new TableTransactionAction(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.PartitionKey, now, 0, "received-again", detail, actor: "prospect")),
            ],
            cancellationToken);
        await RememberContactsAsync(contactKeys, inquiry.PartitionKey, now, cancellationToken);
        IntakeLog.Joined(logger, inquiry.PartitionKey, inquiry.Submissions);
        return new IntakeResult(inquiry, Joined: true, AcknowledgedBy: null);
    }

    private Task RememberContactsAsync(string[] contactKeys, string inquiryId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.WhenAll(contactKeys.Select(key => storage.Contacts.UpsertEntityAsync(
            new ContactEntity { PartitionKey = key, OpenInquiryId = inquiryId, LastSubmittedAt = now },
            TableUpdateMode.Merge,
            cancellationToken)));
}

/// <summary>What intake did with a submission.</summary>
internal sealed record IntakeResult(InquiryEntity Inquiry, bool Joined, string? AcknowledgedBy);
