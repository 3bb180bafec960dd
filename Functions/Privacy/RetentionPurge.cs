using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Privacy;

/// <summary>
/// The daily <c>PurgeExpired</c> work: deletes inquiries created before <c>FollowUp:Retention:KeepInquiriesFor</c>,
/// rows left without their inquiry, contacts idle as long (leaving only an erased mark where they had a
/// STOP or suppression), status links made as long ago, and SendGrid event ids past the time SendGrid could send them again.
/// </summary>
internal sealed class RetentionPurge(FollowUpStorage storage, ErasedMarks marks, TwilioRecordings recordings, TimeProvider time, IOptions<RetentionOptions> retention, ILogger<RetentionPurge> logger)
{
    /// <summary>
    /// Deletes inquiries created before the retention period, contacts idle for as long, and SendGrid
    /// event ids past the time SendGrid could send them again.
    /// </summary>
    public async Task<PurgeReport> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - retention.Value.KeepInquiriesFor;
        var inquiries = 0;
        foreach (var partition in await ExpiredPartitionsAsync(cutoff, cancellationToken))
        {
            if (!await recordings.DeleteAllAsync(partition, cancellationToken))
            {
                continue; // its recording stays at Twilio for now: the inquiry too, until the next purge deletes both
            }

            await storage.Inquiries.DeletePartitionAsync(partition, cancellationToken);
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
            await marks.ForgetContactAsync(contact.PartitionKey, cancellationToken);
            contacts++;
        }

        var events = 0;
        var seenBefore = now - retention.Value.KeepEventIdsFor;
        var expired = TableClient.CreateQueryFilter($"PartitionKey eq {RuntimeEntity.SendGridEventPartition} and ReceivedAt lt {seenBefore}");
        var eventRows = new List<TableEntity>();
        await foreach (var row in storage.Runtime.QueryAsync<TableEntity>(expired, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            eventRows.Add(row);
        }

        await storage.Runtime.DeleteRowsAsync(eventRows, cancellationToken);
        events = eventRows.Count;

        // Status links made before the cutoff: their inquiries are gone, so the links need not end with 410 any more.
        var oldLinks = TableClient.CreateQueryFilter($"PartitionKey eq {StatusLinkEntity.Partition} and CreatedAt lt {cutoff}");
        var linkRows = new List<TableEntity>();
        await foreach (var row in storage.Runtime.QueryAsync<TableEntity>(oldLinks, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            linkRows.Add(row);
        }

        await storage.Runtime.DeleteRowsAsync(linkRows, cancellationToken);

        PrivacyLog.Purged(logger, inquiries, contacts, events, cutoff);
        return new PurgeReport(inquiries, contacts, events);
    }

    /// <summary>
    /// Inquiries created before <paramref name="cutoff"/>, and rows left without their inquiry (a provider's event
    /// that raced an erasure). An inquiry is stored with its header row in one transaction, and nothing writes to
    /// one without reading its header first, so a partition without one is always left over. Every row's keys
    /// are read: such a partition can only be found that way.
    /// </summary>
    private async Task<List<string>> ExpiredPartitionsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var oldBefore = IdGenerator.TimePrefix(cutoff);
        var partitions = new Dictionary<string, bool>(StringComparer.Ordinal);
        await foreach (var row in storage.Inquiries.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            partitions[row.PartitionKey] = partitions.GetValueOrDefault(row.PartitionKey) || row.RowKey.StartsWith(InquiryRows.HeaderPrefix, StringComparison.Ordinal);
        }

        return [.. partitions.Where(p => string.CompareOrdinal(p.Key, oldBefore) < 0 || !p.Value).Select(p => p.Key)];
    }

    private static DateTimeOffset? LastActive(ContactEntity contact) =>
        new[] { contact.LastSubmittedAt, contact.TextedAt, contact.ReferrerThankedAt, contact.SuppressionChangedAt }.Max();
}
