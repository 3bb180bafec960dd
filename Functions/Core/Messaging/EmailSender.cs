using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FollowUp.Core;

/// <summary>
/// Who an inbound email is from, as far as it can be believed: the address in its <c>From</c>, normalised
/// whole for matching (trimmed, lowercase; kept as typed for display), and whether the receiving server's
/// SPF and DKIM results vouch for that address's domain.
/// </summary>
internal static partial class EmailSender
{
    /// <summary>An address in the form every comparison uses: trimmed and lowercase, local part included.</summary>
    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    /// <summary>Whether two addresses are the same mailbox (case-insensitively, as people type them).</summary>
    public static bool Same(string? a, string? b) => a is not null && b is not null && Normalize(a) == Normalize(b);

    /// <summary>The address of a <c>From</c> header (<c>Lee Park &lt;lee@example.com&gt;</c>), or null when it has none.</summary>
    public static string? AddressIn(string? from)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            return null;
        }

        try
        {
            return new MailAddress(from.Trim()).Address;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether SendGrid's checks vouch for mail from <paramref name="address"/>: true when they gave no result
    /// at all, else only when a DKIM signature of the address's domain (or a parent of it) passed, or SPF
    /// passed for an envelope sender of that domain, as DMARC's relaxed alignment would have it.
    /// </summary>
    /// <param name="spf">SendGrid's <c>SPF</c> field: <c>pass</c>, <c>fail</c>, <c>softfail</c>, <c>none</c>…</param>
    /// <param name="dkim">SendGrid's <c>dkim</c> field: <c>{@example.com : pass}</c>, one entry per signature.</param>
    /// <param name="envelope">SendGrid's <c>envelope</c> field: <c>{"to":[…],"from":"…"}</c>.</param>
    public static bool Vouched(string address, string? spf, string? dkim, string? envelope)
    {
        var hasSpf = !string.IsNullOrWhiteSpace(spf);
        var dkimGiven = dkim?.Trim() is { Length: > 0 } given && given is not ("none" or "{}") ? given : null;
        if (!hasSpf && dkimGiven is null)
        {
            return true;
        }

        // Read strictly: the whole field must be "{@domain : result, …}", or no signature counts (a signing
        // domain is the sender's to choose, so a field that does not read cleanly is not trusted to say "pass").
        var signatures = dkimGiven is not null && DkimField().IsMatch(dkimGiven)
            ? DkimResult().Matches(dkimGiven).Select(m => (Domain: m.Groups["domain"].Value, Result: m.Groups["result"].Value)).ToList()
            : [];

        var domain = Normalize(address[(address.LastIndexOf('@') + 1)..]);
        if (signatures.Any(s => s.Result.Equals("pass", StringComparison.OrdinalIgnoreCase) && Aligned(domain, s.Domain)))
        {
            return true;
        }

        return hasSpf && spf!.Trim().Equals("pass", StringComparison.OrdinalIgnoreCase)
            && EnvelopeFrom(envelope) is { } sender && Aligned(domain, sender[(sender.LastIndexOf('@') + 1)..]);
    }

    /// <summary>The From domain is the vouched domain or under it (relaxed alignment).</summary>
    private static bool Aligned(string fromDomain, string vouched)
    {
        var other = Normalize(vouched).TrimEnd('.');
        return other.Length > 0 && (fromDomain == other || fromDomain.EndsWith("." + other, StringComparison.Ordinal));
    }

    private static string? EnvelopeFrom(string? envelope)
    {
        try
        {
            return envelope is not null && JsonDocument.Parse(envelope).RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.String ? from.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"@(?<domain>[A-Za-z0-9.-]+)\s*:\s*(?<result>[A-Za-z]+)")]
    private static partial Regex DkimResult();

    [GeneratedRegex(@"^\{\s*@[A-Za-z0-9.-]+\s*:\s*[A-Za-z]+(\s*,\s*@[A-Za-z0-9.-]+\s*:\s*[A-Za-z]+)*\s*\}$")]
    private static partial Regex DkimField();
}
