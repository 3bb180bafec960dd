using System.Text.RegularExpressions;

namespace FollowUp.Core;

/// <summary>Masks personal contact details for logs: enough to tell two apart, not enough to contact anyone.</summary>
internal static partial class Mask
{
    /// <summary><c>+15551234567</c> → <c>+1******4567</c>.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "(none)";
        }

        var keep = Math.Min(4, phone.Length / 3);
        var head = phone.StartsWith('+') ? Math.Min(2, phone.Length - keep) : 0;
        return string.Concat(phone.AsSpan(0, head), new string('*', phone.Length - head - keep), phone.AsSpan(phone.Length - keep));
    }

    /// <summary><c>dana.smith@example.com</c> → <c>d***@e***.com</c>.</summary>
    public static string Email(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "(none)";
        }

        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }

        var domain = email[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        var maskedDomain = dot > 0 ? $"{domain[0]}***{domain[dot..]}" : "***";
        return $"{email[0]}***@{maskedDomain}";
    }

    /// <summary>Masks a recipient of either kind.</summary>
    public static string Recipient(string? recipient) => recipient?.Contains('@') == true ? Email(recipient) : Phone(recipient);

    /// <summary>Free text with every phone number (<c>+…</c>, plain or URL-encoded) and email address in it masked.</summary>
    public static string InText(string text)
    {
        var phones = PhoneNumber().IsMatch(text) ? PhoneNumber().Replace(text, match => Phone("+" + match.Groups["digits"].Value)) : text;
        return EmailAddress().IsMatch(phones) ? EmailAddress().Replace(phones, match => Email(Uri.UnescapeDataString(match.Value))) : phones;
    }

    [GeneratedRegex(@"(?:\+|%2B)(?<digits>\d{7,15})", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+(?:@|%40)[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex EmailAddress();
}
