using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Leads;

/// <summary>
/// Turns the rows of a lead list into inquiries, several rows at a time, yielding one result per row
/// in file order as soon as it is known. A lead is created once per event: each of its contact rows
/// gets an import mark for the event, so uploading the same file again creates nothing. A lead whose
/// phone or email already has an open inquiry is not duplicated, and a person listed twice in one
/// file is imported once.
/// </summary>
internal sealed class LeadImporter(
    FollowUpStorage storage,
    SubmissionValidator validator,
    IInquiryIntake intake,
    IOptions<LeadImportOptions> options,
    TimeProvider time,
    ILogger<LeadImporter> logger)
{
    public async IAsyncEnumerable<LeadResult> ImportAsync(LeadCsv csv, string source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new Queue<Task<LeadResult>>();
        var rows = 0;
        await foreach (var row in csv.RowsAsync(cancellationToken))
        {
            rows++;
            pending.Enqueue(rows > settings.MaxRows
                ? Task.FromResult(LeadResult.Skipped(row.Line, $"Over the limit of {settings.MaxRows} rows per file; split the file."))
                : Start(row, source, firstLineOf, cancellationToken));
            while (pending.Count >= settings.Parallelism)
            {
                yield return await pending.Dequeue();
            }
        }

        while (pending.Count > 0)
        {
            yield return await pending.Dequeue();
        }
    }

    /// <summary>Checks a row now, in file order, and starts storing it if it is new.</summary>
    private Task<LeadResult> Start(LeadRow row, string source, Dictionary<string, int> firstLineOf, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string?>(row.Fields, StringComparer.OrdinalIgnoreCase) { [Fields.Source] = source };
        var (submission, errors) = validator.Validate(fields, referral: false);
        if (submission is null)
        {
            return Task.FromResult(LeadResult.Invalid(row.Line, fields.GetValueOrDefault(Fields.Name), errors));
        }

        var prospect = submission.Prospect;
        string[] keys = [.. new[] { prospect.Phone is null ? null : ContactEntity.PhoneKey(prospect.Phone), prospect.Email is null ? null : ContactEntity.EmailKey(prospect.Email) }.OfType<string>()];
        if (keys.Select(k => firstLineOf.GetValueOrDefault(k)).FirstOrDefault(line => line > 0) is var earlier and > 0)
        {
            return Task.FromResult(LeadResult.Duplicate(row.Line, prospect.Name, earlier));
        }

        foreach (var key in keys)
        {
            firstLineOf[key] = row.Line;
        }

        return StoreAsync(row.Line, submission with { Imported = true, Acknowledge = options.Value.Acknowledge }, keys, ImportMark.EventKey(source), cancellationToken);
    }

    private async Task<LeadResult> StoreAsync(int line, Submission submission, string[] keys, string eventKey, CancellationToken cancellationToken)
    {
        var name = submission.Prospect.Name;
        try
        {
            // Point reads, not a query: they stay fast however many contacts the table holds.
            string? openInquiryId = null;
            foreach (var key in keys)
            {
                var mark = storage.Contacts.GetEntityIfExistsAsync<ImportMark>(key, ImportMark.RowKeyFor(eventKey, key), cancellationToken: cancellationToken);
                var contact = storage.FindContactAsync(key, cancellationToken);
                if ((await mark) is { HasValue: true, Value: { } marked })
                {
                    return LeadResult.AlreadyImported(line, name, marked.InquiryId);
                }

                openInquiryId ??= (await contact)?.OpenInquiryId;
            }

            if (openInquiryId is not null && await IsOpenAsync(openInquiryId, cancellationToken))
            {
                await MarkAsync(keys, eventKey, openInquiryId, cancellationToken);
                return LeadResult.Existing(line, name, openInquiryId);
            }

            var result = await intake.SubmitAsync(submission, cancellationToken);
            var inquiry = result.Inquiry;
            await MarkAsync(keys, eventKey, inquiry.Id, cancellationToken);
            return result.Joined
                ? LeadResult.Existing(line, name, inquiry.Id)
                : LeadResult.Created(line, name, inquiry.Id, inquiry.OwnerName, inquiry.RespondBy);
        }
        catch (RequestFailedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LeadImportLog.RowFailed(logger, line, ex.Status, ex.ErrorCode);
            return LeadResult.Failed(line, name, "Storage was unavailable for this row; upload the file again to finish it (rows already imported are skipped).");
        }
    }

    private async Task<bool> IsOpenAsync(string inquiryId, CancellationToken cancellationToken)
    {
        var found = await storage.FindInquiryAsync(inquiryId, cancellationToken, [nameof(InquiryEntity.Status)]);
        return found?.Status == InquiryStatus.Open;
    }

    private Task MarkAsync(string[] keys, string eventKey, string inquiryId, CancellationToken cancellationToken) =>
        Task.WhenAll(keys.Select(key => storage.Contacts.UpsertEntityAsync(
            new ImportMark { PartitionKey = key, RowKey = ImportMark.RowKeyFor(eventKey, key), InquiryId = inquiryId, ImportedAt = time.GetUtcNow() },
            TableUpdateMode.Replace,
            cancellationToken)));
}
