using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FollowUp.Core;

/// <summary>
/// Each party's own reply address, <c>r-{token}@{domain}</c>: the token is the inquiry id and the party
/// (80 bits) with 48 zero bits, enciphered as one AES-256 block under a key derived from a secret
/// (<c>SendGrid:ReplyAddressKey</c>, else the Inbound Parse key), so it
/// reveals nothing, cannot be made from a receipt or an inquiry id, and needs no storage to read back. A
/// token that deciphers without its zero bits was not made here (one chance in 2^48 for a guess).
/// </summary>
/// <remarks>
/// Inquiry ids are <c>yyyyMMddHHmmss-XXXXXXXX</c>: the second (32 bits from 2000) and eight characters of
/// <see cref="Alphabet"/> (5 bits each). The token is 26 characters of the same alphabet, lowercase.
/// </remarks>
internal sealed class ReplyAddresses
{
    public const string Prefix = "r-";

    /// <summary>The inquiry id alphabet (32 symbols), also the token's.</summary>
    public const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ0123456789";

    private const int TokenLength = 26; // 128 bits in 5-bit symbols, 2 padding bits
    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly byte[] _key;
    private readonly string? _domain;

    /// <param name="secret">The secret the cipher key is derived from (at least 24 characters).</param>
    /// <param name="domain">The domain replies are received at; none, and there are no reply addresses.</param>
    public ReplyAddresses(string? secret, string? domain)
    {
        _domain = string.IsNullOrWhiteSpace(secret) || string.IsNullOrWhiteSpace(domain) ? null : domain.Trim();
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret ?? ""), 32, info: Encoding.UTF8.GetBytes("FollowUp reply address v1"));
    }

    /// <summary>The reply addresses SendGrid's settings give: keyed with <c>ReplyAddressKey</c>, else the Inbound Parse key.</summary>
    public static ReplyAddresses From(SendGridOptions sendGrid) =>
        new(sendGrid.ReplyAddressKey is { Length: > 0 } key ? key : sendGrid.InboundParseKey, sendGrid.InboundDomain);

    /// <summary>The reply address of <paramref name="party"/> of inquiry <paramref name="inquiryId"/>; null when replies are not set up.</summary>
    public string? For(string inquiryId, Party party) => _domain is null ? null : $"{Prefix}{Token(inquiryId, party)}@{_domain}";

    /// <summary>The inquiry and party an address (<c>r-{token}@{domain}</c>, any case) stands for; null for any other address.</summary>
    public (string InquiryId, Party Party)? Read(string address)
    {
        var at = address.LastIndexOf('@');
        return _domain is not null && at > Prefix.Length && address.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && address[(at + 1)..].Equals(_domain, StringComparison.OrdinalIgnoreCase)
            ? ReadToken(address[Prefix.Length..at])
            : null;
    }

    public string Token(string inquiryId, Party party)
    {
        Span<byte> block = stackalloc byte[16];
        var at = DateTime.ParseExact(inquiryId[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        BinaryPrimitives.WriteUInt32BigEndian(block, checked((uint)(at - Epoch).TotalSeconds));
        ulong random = 0;
        foreach (var c in inquiryId[15..])
        {
            random = (random << 5) | (uint)Alphabet.IndexOf(char.ToUpperInvariant(c));
        }

        for (var i = 0; i < 5; i++)
        {
            block[4 + i] = (byte)(random >> (8 * (4 - i)));
        }

        block[9] = (byte)party;
        using var aes = Aes.Create();
        aes.Key = _key;
        return ToText(aes.EncryptEcb(block, PaddingMode.None)).ToLowerInvariant();
    }

    /// <summary>The inquiry and party a token stands for; null for a token not made with this key.</summary>
    public (string InquiryId, Party Party)? ReadToken(string token)
    {
        if (token.Length != TokenLength || FromText(token) is not { } cipher)
        {
            return null;
        }

        using var aes = Aes.Create();
        aes.Key = _key;
        var block = aes.DecryptEcb(cipher, PaddingMode.None);
        if (block.AsSpan(10).ContainsAnyExcept((byte)0) || !Enum.IsDefined((Party)block[9]))
        {
            return null;
        }

        var at = Epoch.AddSeconds(BinaryPrimitives.ReadUInt32BigEndian(block));
        ulong random = 0;
        for (var i = 0; i < 5; i++)
        {
            random = (random << 8) | block[4 + i];
        }

        var tail = new char[8];
        for (var i = 7; i >= 0; i--, random >>= 5)
        {
            tail[i] = Alphabet[(int)(random & 31)];
        }

        return (at.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + new string(tail), (Party)block[9]);
    }

    private static string ToText(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(TokenLength);
        var bits = 0;
        var buffer = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        return text.Append(Alphabet[(buffer << (5 - bits)) & 31]).ToString();
    }

    private static byte[]? FromText(string text)
    {
        var bytes = new byte[16];
        var count = 0;
        var bits = 0;
        var buffer = 0;
        foreach (var c in text)
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(c));
            if (value < 0)
            {
                return null;
            }

            buffer = ((buffer << 5) | value) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                if (count == 16)
                {
                    return null;
                }

                bytes[count++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        // Exactly 16 bytes, and the 2 bits past them zero: one text per token.
        return count == 16 && (buffer & ((1 << bits) - 1)) == 0 ? bytes : null;
    }
}
