using System.Net.Mail;
using System.Text.RegularExpressions;

namespace FollowUp.Core;

/// <summary>
/// How one field of a submission is read: trimmed, within its length, on one line, with no markup; names
/// that look like links refused (they are written into texts to other people); emails and flags read strictly.
/// Each problem is added to the errors under the field's name.
/// </summary>
internal static partial class FieldRules
{
    public static string? Value(IReadOnlyDictionary<string, string?> fields, string name) =>
        fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>A single line of text: no line breaks or other control characters (they enable header injection).</summary>
    public static string? Line(IReadOnlyDictionary<string, string?> fields, string name, int max, FieldErrors errors, bool required)
    {
        var value = Value(fields, name);
        if (value is null)
        {
            if (required)
            {
                errors.Add(name, "Required.");
            }

            return null;
        }

        if (value.Length > max)
        {
            errors.Add(name, $"At most {max} characters.");
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(name, "Must be a single line without control characters.");
        }
        else if (value.AsSpan().IndexOfAny('<', '>') >= 0)
        {
            errors.Add(name, "Must not contain < or >.");
        }

        return value;
    }

    /// <summary>
    /// A person's name. Names are written into texts to other people (a referrer's thank-you names the
    /// prospect), so one that looks like a link would let anyone relay a link from the business's number.
    /// </summary>
    public static string? Name(IReadOnlyDictionary<string, string?> fields, string name, FieldErrors errors)
    {
        var value = Line(fields, name, SubmissionValidator.MaxName, errors, required: true);
        if (value is not null && !errors.Has(name) && LinkLike().IsMatch(value))
        {
            errors.Add(name, "Must be a name, not a web or email address.");
        }

        return value;
    }

    /// <summary>A scheme, <c>www.</c>, an <c>@</c>, or a word followed by a dot and a common top-level domain ("bit.ly", "win-cash.xyz/a").</summary>
    [GeneratedRegex(@"://|www\.|@|[\p{L}\p{N}-]\s*\.\s*(com|net|org|info|biz|io|co|me|ly|gl|gd|to|cc|tv|ws|su|pw|xyz|top|site|online|link|click|live|shop|store|app|dev|page|icu|buzz|work|win|bid|vip|club|fun|space|ru|cn|tk|ml|ga|cf|gq|us|uk|ca|de|fr|in|eu)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkLike();

    public static string? Text(IReadOnlyDictionary<string, string?> fields, string name, int max, FieldErrors errors)
    {
        var value = Value(fields, name);
        if (value is null)
        {
            return null;
        }

        if (value.Length > max)
        {
            errors.Add(name, $"At most {max} characters.");
        }
        else if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(name, "Must not contain control characters.");
        }
        else if (LooksLikeMarkup(value))
        {
            errors.Add(name, "Must not contain HTML tags; write it as plain text.");
        }

        return value;
    }

    /// <summary>A tag or comment opener (<c>&lt;b</c>, <c>&lt;/</c>, <c>&lt;!</c>, <c>&lt;?</c>); "under &lt; 2 inches" is plain text.</summary>
    private static bool LooksLikeMarkup(string value)
    {
        for (var i = value.IndexOf('<'); i >= 0 && i < value.Length - 1; i = value.IndexOf('<', i + 1))
        {
            if (char.IsAsciiLetter(value[i + 1]) || value[i + 1] is '/' or '!' or '?')
            {
                return true;
            }
        }

        return false;
    }

    public static string? Email(IReadOnlyDictionary<string, string?> fields, string name, FieldErrors errors)
    {
        var value = Value(fields, name);
        if (value is null)
        {
            return null;
        }

        if (value.Length > SubmissionValidator.MaxEmail
            || !MailAddress.TryCreate(value, out var address)
            || address.Address != value
            || address.DisplayName.Length > 0
            || !address.Host.Contains('.')
            || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add(name, "Not a valid email address.");
            return null;
        }

        return $"{address.User}@{address.Host.ToLowerInvariant()}";
    }

    public static bool Flag(IReadOnlyDictionary<string, string?> fields, string name, FieldErrors errors)
    {
        switch (Value(fields, name)?.ToLowerInvariant())
        {
            case null or "false" or "off" or "no" or "0":
                return false;
            case "true" or "on" or "yes" or "1":
                return true;
            default:
                errors.Add(name, "Use true or false.");
                return false;
        }
    }

}
