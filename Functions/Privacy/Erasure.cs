using Azure.Data.Tables;

namespace FollowUp.Privacy;

/// <summary>
/// Erases one person on request. Their own inquiries go whole (timeline, messages and attempts are all
/// theirs); where they were only the referrer, their name and contact details are cut out of the inquiry.
/// Their contact rows go too, leaving only an <see cref="ErasedMarks">erased mark</see> when they had
/// texted STOP or their address was suppressed.
/// </summary>
internal sealed class Erasure(FollowUpStorage storage, ErasedMarks marks, TwilioRecordings recordings, TimeProvider time, ILogger<Erasure> logger)
{
    /// <summary>What replaces a name, number or address cut out of an inquiry.</summary>
    public const string Erased = "[erased]";

    /// <summary>Erases everything stored about the person with this phone (E.164) and/or email address (matched whatever its case).</summary>
    public async Task<ErasureReport> EraseAsync(string? phone, string? email, string requestedBy, CancellationToken cancellationToken)
    {
        var own = 0;
        var referred = 0;
        var kept = 0;
        // Every inquiry row is read (a few columns of each): an address is matched whole and case-insensitively,
        // which a table query cannot do, and an inquiry stores it as the person typed it.
        string[] columns = [nameof(InquiryEntity.PartitionKey), nameof(InquiryEntity.Phone), nameof(InquiryEntity.Email), nameof(InquiryEntity.ReferrerPhone), nameof(InquiryEntity.ReferrerEmail), nameof(InquiryEntity.StatusLinkHash)];
        var naming = new List<InquiryEntity>();
        await foreach (var inquiry in storage.Inquiries.QueryAsync<InquiryEntity>(InquiryRows.Headers(), select: columns, cancellationToken: cancellationToken))
        {
            if (Is(inquiry.Phone, phone, email) || Is(inquiry.Email, phone, email) || Is(inquiry.ReferrerPhone, phone, email) || Is(inquiry.ReferrerEmail, phone, email))
            {
                naming.Add(inquiry);
            }
        }

        foreach (var inquiry in naming)
        {
            if (Is(inquiry.Phone, phone, email) || Is(inquiry.Email, phone, email))
            {
                // Its voicemails go first, at Twilio: an inquiry whose recording could not be deleted stays, for the erasure to be asked again.
                if (!await recordings.DeleteAllAsync(inquiry.Id, cancellationToken))
                {
                    kept++;
                    continue;
                }

                await storage.Inquiries.DeletePartitionAsync(inquiry.Id, cancellationToken);
                await VoidStatusLinkAsync(inquiry, cancellationToken);
                own++;
            }
            else if (await storage.FindInquiryAsync(inquiry.Id, cancellationToken) is { } whole)
            {
                await CutOutReferrerAsync(whole, phone, whole.ReferrerEmail is { } given && EmailSender.Same(given, email) ? [email!, given] : email is null ? [] : [email], requestedBy, cancellationToken);
                referred++;
            }
        }

        // Their contact rows: the number and address asked about, and every other one their inquiries gave for
        // them (erased by email, their number's row would otherwise keep pointing at what they wrote).
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (p, e) in naming.Select(i => Is(i.Phone, phone, email) || Is(i.Email, phone, email) ? (i.Phone, i.Email) : (i.ReferrerPhone, i.ReferrerEmail))
            .Append((phone, email)))
        {
            if (p is not null)
            {
                keys.Add(ContactEntity.PhoneKey(p));
            }

            if (e is not null)
            {
                keys.Add(ContactEntity.EmailKey(e));
            }
        }

        var suppressed = false;
        foreach (var key in keys)
        {
            suppressed |= await marks.ForgetContactAsync(key, cancellationToken);
        }

        PrivacyLog.Erased(logger, Mask.Phone(phone), Mask.Email(email), own, referred);
        return new ErasureReport(own, referred, suppressed, kept);
    }

    /// <summary>The prospect's status link stops showing anything: its row keeps only that it ended (the link then answers 410).</summary>
    private async Task VoidStatusLinkAsync(InquiryEntity inquiry, CancellationToken cancellationToken)
    {
        if (inquiry.StatusLinkHash is { } hash)
        {
            var now = time.GetUtcNow();
            await storage.Runtime.UpsertEntityAsync(new StatusLinkEntity { RowKey = hash, CreatedAt = now, EndedAt = now }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    private static bool Is(string? value, string? phone, string? email) =>
        value is not null && ((phone is not null && value == phone) || EmailSender.Same(value, email));

    private static bool Is(string? value, string? phone, string[] emails) =>
        value is not null && (value == phone || emails.Any(e => EmailSender.Same(value, e)));

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
        await foreach (var row in storage.Inquiries.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {inquiry.Id}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        bool Scrub(TableEntity row)
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
                if (replaced is null)
                {
                    row.Remove(key); // replaced whole, so a removed column is gone
                    changed = true;
                }
                else if (replaced != text)
                {
                    row[key] = replaced;
                    changed = true;
                }
            }

            return changed;
        }

        // Each row under its ETag: a staff action or a send that changed it meanwhile is kept, and scrubbed again.
        foreach (var row in rows)
        {
            await storage.Inquiries.ChangeAsync<TableEntity, bool>(
                row.PartitionKey,
                row.RowKey,
                current => current is not null && Scrub(current) ? RowChange<TableEntity, bool>.Save(current, true) : RowChange<TableEntity, bool>.Stop(false),
                () => throw new InvalidOperationException($"Could not erase the referrer from {row.PartitionKey}: its rows keep changing."),
                cancellationToken,
                known: row);
        }

        await storage.Inquiries.AddEntityAsync(InquiryRows.NewEvent(
            inquiry.Id, time.GetUtcNow(), 0, "referrer-erased", $"The referrer's details were erased at the request of {requestedBy}."), cancellationToken);
    }
}
