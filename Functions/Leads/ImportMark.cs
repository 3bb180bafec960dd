using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace FollowUp.Leads;

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
