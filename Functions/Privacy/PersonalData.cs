using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;
using Microsoft.Extensions.Options;

namespace FollowUp.Privacy;

/// <summary>
/// Removes personal data: one person's on request (<see cref="EraseAsync"/>), and everything past the
/// retention period (<see cref="PurgeExpiredAsync"/>). A person's own inquiries go whole (timeline,
/// messages and attempts are all theirs); where they were only the referrer, their name and contact
/// details are cut out of the inquiry. Their contact rows go too, leaving only an
/// <see cref="ErasedMarks">erased mark</see> when they had texted STOP or their address was suppressed.
/// </summary>
internal sealed class PersonalData(
    FollowUpStorage storage, ErasedMarks marks, TimeProvider time, IOptions<RetentionOptions> retention, ILogger<PersonalData> logger)
{
    public const string Erased = "[erased]";
    private const int BatchSize = 100;

    /// <summary>Erases everything stored about the person with this phone (E.164) and/or email address.</summary>
    public async Task<ErasureReport> EraseAsync(string? phone, string? email, string requestedBy, CancellationToken cancellationToken)
    {
        var emails = email is null ? [] : new[] { email, email.ToLowerInvariant() }.Distinct().ToArray();
        var own = 0;
        var referred = 0;
        await foreach (var inquiry in storage.Inquiries.QueryAsync<InquiryEntity>(InquiryRows.Headers() + " and (" + Naming(phone, emails) + ")", cancellationToken: cancellationToken))
        {
            if (Is(inquiry.Phone, phone, emails) || Is(inquiry.Email, phone, emails))
            {
                await DeletePartitionAsync(storage.Inquiries, inquiry.PartitionKey, cancellationToken);
                own++;
            }
            else
            {
                await CutOutReferrerAsync(inquiry, phone, emails, requestedBy, cancellationToken);
                referred++;
            }
        }

        var keys = new List<string>();
        if (phone is not null)
        {
            keys.Add(ContactEntity.PhoneKey(phone));
        }

        if (email is not null)
        {
            keys.Add(ContactEntity.EmailKey(email));
        }

        var suppressed = false;
        foreach (var key in keys)
        {
            suppressed |= await ForgetContactAsync(key, cancellationToken);
        }

        PrivacyLog.Erased(logger, Mask.Phone(phone), Mask.Email(email), own, referred);
        return new ErasureReport(own, referred, suppressed);
    }

    /// <summary>
    /// Deletes inquiries created before the retention period, contacts idle for as long, and SendGrid
    /// event ids past the time SendGrid could send them again.
    /// </summary>
    public async Task<PurgeReport> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - retention.Value.KeepInquiriesFor;
        var inquiries = 0;
        var old = InquiryRows.Headers($"PartitionKey lt {IdGenerator.TimePrefix(cutoff)}");
        await foreach (var inquiry in storage.Inquiries.QueryAsync<InquiryEntity>(old, select: [nameof(InquiryEntity.PartitionKey)], cancellationToken: cancellationToken))
        {
            await DeletePartitionAsync(storage.Inquiries, inquiry.PartitionKey, cancellationToken);
            inquiries++;
        }

        var contacts = 0;
        var idle = new List<ContactEntity>();
        await foreach (var contact in storage.Contacts.QueryAsync<ContactEntity>(cancellationToken: cancellationToken))
        {
            if (!contact.PartitionKey.StartsWith(ErasedMarks.Prefix, StringComparison.Ordinal)
                && contact.RowKey == contact.PartitionKey
                && LastActive(contact) is var last && (last ?? contact.Timestamp) < cutoff)
            {
                idle.Add(contact);
            }
        }

        foreach (var contact in idle)
        {
            await ForgetContactAsync(contact.PartitionKey, cancellationToken);
            contacts++;
        }

        var events = 0;
        var seenBefore = now - retention.Value.KeepEventIdsFor;
        var expired = TableClient.CreateQueryFilter($"PartitionKey eq {Webhooks.SendGridEventsApi.EventPartition} and ReceivedAt lt {seenBefore}");
        var eventRows = new List<TableEntity>();
        await foreach (var row in storage.Runtime.QueryAsync<TableEntity>(expired, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            eventRows.Add(row);
        }

        await DeleteAsync(storage.Runtime, eventRows, cancellationToken);
        events = eventRows.Count;

        PrivacyLog.Purged(logger, inquiries, contacts, events, cutoff);
        return new PurgeReport(inquiries, contacts, events);
    }

    private static DateTimeOffset? LastActive(ContactEntity contact) =>
        new[] { contact.LastSubmittedAt, contact.TextedAt, contact.ReferrerThankedAt, contact.SuppressionChangedAt }.Max();

    private static bool Is(string? value, string? phone, string[] emails) =>
        value is not null && (value == phone || emails.Contains(value));

    /// <summary>An OData condition matching an inquiry that names the person as prospect or referrer.</summary>
    private static string Naming(string? phone, string[] emails)
    {
        var conditions = new List<string>();
        if (phone is not null)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Phone eq {phone} or ReferrerPhone eq {phone}"));
        }

        conditions.AddRange(emails.Select(e => TableClient.CreateQueryFilter($"Email eq {e} or ReferrerEmail eq {e}")));
        return string.Join(" or ", conditions);
    }

    /// <summary>The inquiry stays (it is the prospect's); the referrer's name, number and address leave every row of it.</summary>
    private async Task CutOutReferrerAsync(InquiryEntity inquiry, string? phone, string[] emails, string requestedBy, CancellationToken cancellationToken)
    {
        var name = inquiry.ReferrerName;
        string Redact(string text)
        {
            foreach (var value in new[] { name, phone }.Concat(emails))
            {
                if (!string.IsNullOrEmpty(value))
                {
                    text = text.Replace(value, Erased, StringComparison.OrdinalIgnoreCase);
                }
            }

            return text;
        }

        var rows = new List<TableEntity>();
        await foreach (var row in storage.Inquiries.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {inquiry.PartitionKey}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        foreach (var row in rows)
        {
            var toThem = row.GetString(nameof(OutboxEntity.Recipient)) is { } recipient && Is(recipient, phone, emails);
            var changed = false;
            foreach (var key in row.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")).ToList())
            {
                if (row[key] is not string text)
                {
                    continue;
                }

                var replaced = key switch
                {
                    nameof(InquiryEntity.ReferrerName) => Erased,
                    nameof(InquiryEntity.ReferrerEmail) or nameof(InquiryEntity.ReferrerPhone) => null,
                    nameof(OutboxEntity.Recipient) or nameof(OutboxEntity.Subject) or nameof(OutboxEntity.Body) when toThem => Erased,
                    nameof(OutboxEntity.State) when toThem && !OutboxState.IsFinal(text) => OutboxState.Suppressed, // never sent now
                    _ => Redact(text),
                };
                if (replaced != text)
                {
                    row[key] = replaced;
                    changed = true;
                }
            }

            if (changed)
            {
                // Replace, not merge: a column set to null must be gone, not left as it was.
                foreach (var key in row.Keys.Where(k => row[k] is null).ToList())
                {
                    row.Remove(key);
                }

                await storage.Inquiries.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, cancellationToken);
            }
        }

        await storage.Inquiries.AddEntityAsync(InquiryRows.NewEvent(
            inquiry.PartitionKey, time.GetUtcNow(), 0, "referrer-erased", $"The referrer's details were erased at the request of {requestedBy}."), cancellationToken);
    }

    /// <summary>Removes a contact's rows (and its lead-import marks), keeping an erased mark if it had STOP or a suppression.</summary>
    private async Task<bool> ForgetContactAsync(string key, CancellationToken cancellationToken)
    {
        var contact = await storage.FindContactAsync(key, cancellationToken);
        await marks.KeepAsync(contact, key, cancellationToken);
        await DeletePartitionAsync(storage.Contacts, key, cancellationToken);
        return contact?.SmsOptedOut == true || contact?.EmailSuppressed == true;
    }

    private static async Task DeletePartitionAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        await DeleteAsync(table, rows, cancellationToken);
    }

    /// <summary>Deletes rows, a hundred to a transaction within each partition; a row already gone is no error.</summary>
    private static async Task DeleteAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var batch in partition.Chunk(BatchSize))
            {
                try
                {
                    await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 404)
                {
                    foreach (var row in batch)
                    {
                        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                    }
                }
            }
        }
    }
}

/// <summary>What an erasure removed: inquiries deleted (the person's own), inquiries they were cut out of (as referrer), and whether a STOP or suppression was kept.</summary>
internal sealed record ErasureReport(int InquiriesDeleted, int InquiriesScrubbed, bool SuppressionKept);

internal sealed record PurgeReport(int Inquiries, int Contacts, int EventIds);
