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

    public string NewInquiryId() => TimePrefix(time.GetUtcNow()) + "-" + Random(8);

    public string NewMessageId() => Random(12);

    /// <summary>The id prefix of every inquiry created in the same second as <paramref name="at"/>.</summary>
    public static string TimePrefix(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
