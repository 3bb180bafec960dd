using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using FollowUp.Intake;
using FollowUp.Storage;
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
    IntakeService intake,
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
            await MarkAsync(keys, eventKey, inquiry.PartitionKey, cancellationToken);
            return result.Joined
                ? LeadResult.Existing(line, name, inquiry.PartitionKey)
                : LeadResult.Created(line, name, inquiry.PartitionKey, inquiry.OwnerName, inquiry.RespondBy);
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

/// <summary>
/// "This contact was imported from this event": a row in the contact's partition of the Contacts table.
/// RowKey <c>import:{hash of the event name}|{contact key}</c>: the hash makes an event name of any
/// characters a valid key, and the contact key keeps RowKeys distinct across the table (see
/// <see cref="ContactEntity"/> for why that matters to the emulator).
/// </summary>
internal sealed class ImportMark : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string InquiryId { get; set; } = "";
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The same for every spelling of an event name that differs only in case or surrounding spaces.</summary>
    public static string EventKey(string source) =>
        "import:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source.Trim().ToLowerInvariant())))[..32];

    public static string RowKeyFor(string eventKey, string contactKey) => eventKey + "|" + contactKey;
}

/// <summary>What became of one row of a lead list.</summary>
internal sealed record LeadResult(
    int Line, string Status, string? Name, string? InquiryId = null, string? Owner = null, DateTimeOffset? RespondBy = null,
    string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>Tells a row apart from the header and summary lines of the line-per-row response.</summary>
    public string Type => "row";

    public static readonly string[] Statuses = ["created", "existing", "already-imported", "duplicate", "invalid", "failed", "skipped"];

    public static LeadResult Created(int line, string name, string id, string? owner, DateTimeOffset respondBy) =>
        new(line, "created", name, id, owner, respondBy);

    public static LeadResult Existing(int line, string name, string id) =>
        new(line, "existing", name, id, Detail: "This phone or email already has an open inquiry; nothing new was created.");

    public static LeadResult AlreadyImported(int line, string name, string? id) =>
        new(line, "already-imported", name, id, Detail: "Imported from this event before.");

    public static LeadResult Duplicate(int line, string name, int earlierLine) =>
        new(line, "duplicate", name, Detail: $"Same person as line {earlierLine}.");

    public static LeadResult Invalid(int line, string? name, IReadOnlyDictionary<string, string[]> errors) =>
        new(line, "invalid", string.IsNullOrWhiteSpace(name) ? null : name, Detail: "Fix the fields listed and upload again.", Errors: errors);

    public static LeadResult Failed(int line, string name, string detail) => new(line, "failed", name, Detail: detail);

    public static LeadResult Skipped(int line, string detail) => new(line, "skipped", null, Detail: detail);
}

internal static partial class LeadImportLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead import: line {Line} failed on storage ({Status} {ErrorCode})")]
    public static partial void RowFailed(ILogger logger, int line, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead import from {Source} by {StaffId}: {Rows} rows, {Created} created, {Invalid} invalid, {Failed} failed")]
    public static partial void Imported(ILogger logger, string source, string staffId, int rows, int created, int invalid, int failed);
}
