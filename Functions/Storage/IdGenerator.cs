using System.Globalization;
using System.Security.Cryptography;

namespace FollowUp.Storage;

/// <summary>
/// Makes ids. Inquiry ids start with their UTC creation second (<c>20261123141503-K3F9Q2XD</c>) so a
/// PartitionKey range finds the inquiries of a time span; the random tail keeps them unguessable.
/// </summary>
internal sealed class IdGenerator(TimeProvider time)
{
    public const string TimeFormat = "yyyyMMddHHmmss";
    public const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ0123456789";

    public string NewInquiryId() => TimePrefix(time.GetUtcNow()) + "-" + Random(RandomLength);

    public string NewMessageId() => Random(12);

    /// <summary>A status link's token: 128 bits from the system's cryptographic generator, in base64url (22 characters).</summary>
    public string NewStatusToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The code staff see and text back for an inquiry: the last <see cref="CodeLength"/> characters of its id
    /// (random, 32 symbols each: about a billion codes, so two open inquiries share one about once in 20,000
    /// pairs at 100 open; a code that does match two is answered with a question, never a guess).
    /// </summary>
    public static string ShortCode(string inquiryId) => inquiryId[^CodeLength..];

    /// <summary>The longer code offered when a short one matches more than one open inquiry: the whole random part.</summary>
    public static string LongCode(string inquiryId) => inquiryId[^RandomLength..];

    /// <summary>Whether <paramref name="id"/> has an inquiry id's shape (<c>20261123141503-K3F9Q2XD</c>): anything else names no inquiry.</summary>
    public static bool IsInquiryId(string? id) =>
        id is { Length: 15 + RandomLength } && id[14] == '-' && id[..14].All(char.IsAsciiDigit) && id[15..].All(Alphabet.Contains);

    public const int CodeLength = 6;

    private const int RandomLength = 8;

    /// <summary>The id prefix of every inquiry created in the same second as <paramref name="at"/>.</summary>
    public static string TimePrefix(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
