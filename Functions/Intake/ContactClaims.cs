using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Intake;

/// <summary>
/// The contact rows a submission claims (its phone's and its email's): read, checked for an open inquiry
/// to join, and pointed at the new inquiry one at a time in key order, so that of several submissions
/// racing (a double-clicked button) exactly one creates the inquiry and the others join it.
/// </summary>
internal sealed class ContactClaims(FollowUpStorage storage, IOptions<IntakeOptions> options)
{
    /// <summary>How long a submission waits for an inquiry another submission has claimed but not yet stored.</summary>
    private static readonly TimeSpan InFlightWait = TimeSpan.FromSeconds(2);

    /// <summary>The contact keys of a prospect: their phone's and their email's.</summary>
    public static IEnumerable<string> Keys(Prospect prospect)
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

    /// <summary>The contact rows as stored now.</summary>
    public async Task<Contact[]> ReadAsync(string[] contactKeys, CancellationToken cancellationToken) =>
        await Task.WhenAll(contactKeys.Select(async key => new Contact(key, await storage.FindContactAsync(key, cancellationToken))));

    /// <summary>
    /// The open inquiry a contact submitted within the duplicate window, if any. An inquiry claimed
    /// moments ago may not be stored yet; it is waited for briefly, and if it never appears its
    /// claimer failed and the claim is ignored.
    /// </summary>
    public async Task<InquiryEntity?> FindOpenInquiryAsync(Contact[] contacts, string ownId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var contact in contacts)
        {
            if (contact.Row is not { OpenInquiryId: { } id, LastSubmittedAt: { } last } || id == ownId || now - last >= options.Value.DuplicateWindow)
            {
                continue;
            }

            var waitUntil = DateTime.UtcNow + (now - last < InFlightWait ? InFlightWait : TimeSpan.Zero);
            while (true)
            {
                if (await storage.FindInquiryAsync(id, cancellationToken) is { } found)
                {
                    if (found.Status == InquiryStatus.Open)
                    {
                        return found;
                    }

                    break;
                }

                if (DateTime.UtcNow >= waitUntil)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
            }
        }

        return null;
    }

    /// <summary>
    /// Points every contact row not held by another open inquiry at <paramref name="id"/>, one at a time in
    /// key order, stopping at the first one another submission changed first. The fixed order means two racers never each hold
    /// one key and wait on each other: whoever takes the first key takes them all.
    /// </summary>
    public async Task<bool> TryClaimAsync(Contact[] contacts, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var contact in contacts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            try
            {
                if (contact.Row is null)
                {
                    await storage.Contacts.AddEntityAsync(
                        new ContactEntity { PartitionKey = contact.Key, OpenInquiryId = id, LastSubmittedAt = now }, cancellationToken);
                }
                else if (contact.Row.OpenInquiryId != id)
                {
                    // A number or address that belongs to another open inquiry stays with it: a form can carry
                    // anyone's details, and a newer inquiry must not take over where that person's replies go.
                    // The row is still written, under its ETag, so that of two racing submissions one creates.
                    if (contact.Row.OpenInquiryId is not { } other || (await storage.FindInquiryAsync(other, cancellationToken, [nameof(InquiryEntity.Status)]))?.Status != InquiryStatus.Open)
                    {
                        contact.Row.OpenInquiryId = id;
                    }

                    contact.Row.LastSubmittedAt = now;
                    await storage.Contacts.UpdateEntityAsync(contact.Row, contact.Row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A contact key, and its row as last read (null: none, or not read yet).</summary>
    public sealed record Contact(string Key, ContactEntity? Row);
}
