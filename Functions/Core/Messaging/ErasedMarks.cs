using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;


namespace FollowUp.Core;

/// <summary>
/// What is left of a person who was erased (or whose data expired) after they texted STOP or their
/// address bounced: a row in <c>Contacts</c> keyed by a SHA-256 hash of their contact key
/// (<c>erased:{hex}</c>), holding only the flags. Every check that reads a contact's STOP or
/// suppression consults these too, so erasing someone never lets texts or email reach them again.
/// </summary>
/// <remarks>
/// A phone number has few enough possible values that its hash can be reversed by trying them all; the
/// mark is kept because a suppression list is needed to honour the opt-out, and it holds nothing else.
/// The marks are few, so they are read whole and reused for <see cref="ReuseFor"/> (an erasure on
/// another instance is seen within that time).
/// </remarks>
internal sealed class ErasedMarks(FollowUpStorage storage)
{
    public const string Prefix = "erased:";
    private static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(30);

    private Snapshot? _last;

    public static string KeyFor(string contactKey) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contactKey)));

    /// <summary>Whether the erased contact behind <paramref name="contactKey"/> may not be texted / emailed.</summary>
    public async Task<(bool SmsOptedOut, bool EmailSuppressed)> FlagsAsync(string contactKey, CancellationToken cancellationToken)
    {
        var marks = await ReadAsync(cancellationToken);
        return marks.TryGetValue(KeyFor(contactKey), out var flags) ? flags : (false, false);
    }

    /// <summary>
    /// Sets or clears one flag of the mark of a number or address FollowUp keeps no contact row for (erased, or
    /// never known): a STOP from such a number is kept as this mark alone, never as the number itself.
    /// </summary>
    /// <param name="onlyIfMarked">Change a mark that exists, but make none (the contact has a row of its own for its flags).</param>
    public async Task SetAsync(string contactKey, bool? smsOptedOut, bool? emailSuppressed, bool onlyIfMarked, CancellationToken cancellationToken)
    {
        // The mark itself, not the shared snapshot: a STOP, START and STOP within its reuse time must all count.
        var key = KeyFor(contactKey);
        var found = await storage.Contacts.GetEntityIfExistsAsync<ContactEntity>(key, key, cancellationToken: cancellationToken);
        if (!found.HasValue && onlyIfMarked)
        {
            return;
        }

        var (sms, email) = found.HasValue && found.Value is { } mark ? (mark.SmsOptedOut, mark.EmailSuppressed) : (false, false);
        var (newSms, newEmail) = (smsOptedOut ?? sms, emailSuppressed ?? email);
        if ((newSms, newEmail) == (sms, email))
        {
            return;
        }

        if (newSms || newEmail)
        {
            await storage.Contacts.UpsertEntityAsync(
                new TableEntity(key, key) { [nameof(ContactEntity.SmsOptedOut)] = newSms, [nameof(ContactEntity.EmailSuppressed)] = newEmail },
                TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            await storage.Contacts.DeleteEntityAsync(key, key, cancellationToken: cancellationToken);
        }

        _last = null;
    }

    /// <summary>Leaves a mark for a contact that is being removed, if it carries a STOP or suppression.</summary>
    public async Task KeepAsync(ContactEntity? contact, string contactKey, CancellationToken cancellationToken)
    {
        var (sms, email) = await FlagsAsync(contactKey, cancellationToken);
        sms |= contact?.SmsOptedOut == true;
        email |= contact?.EmailSuppressed == true;
        if (sms || email)
        {
            var key = KeyFor(contactKey);
            await storage.Contacts.UpsertEntityAsync(
                new TableEntity(key, key) { [nameof(ContactEntity.SmsOptedOut)] = sms, [nameof(ContactEntity.EmailSuppressed)] = email },
                TableUpdateMode.Replace, cancellationToken);
            _last = null;
        }
    }

    private async Task<IReadOnlyDictionary<string, (bool, bool)>> ReadAsync(CancellationToken cancellationToken)
    {
        if (_last is { } last && Stopwatch.GetElapsedTime(last.ReadAt) < ReuseFor)
        {
            return last.Marks;
        }

        var readAt = Stopwatch.GetTimestamp();
        var marks = new Dictionary<string, (bool, bool)>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Prefix} and PartitionKey lt {InquiryRows.PrefixEnd(Prefix)}");
        await foreach (var mark in storage.Contacts.QueryAsync<ContactEntity>(filter, cancellationToken: cancellationToken))
        {
            marks[mark.PartitionKey] = (mark.SmsOptedOut, mark.EmailSuppressed);
        }

        _last = new Snapshot(marks, readAt);
        return marks;
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, (bool, bool)> Marks, long ReadAt);

    /// <summary>Removes a contact's rows (and its lead-import marks), keeping an erased mark if it had STOP or a suppression.</summary>
    public async Task<bool> ForgetContactAsync(string key, CancellationToken cancellationToken)
    {
        var contact = await storage.FindContactAsync(key, cancellationToken);
        await KeepAsync(contact, key, cancellationToken);
        await storage.Contacts.DeletePartitionAsync(key, cancellationToken);
        return contact?.SmsOptedOut == true || contact?.EmailSuppressed == true;
    }
}
