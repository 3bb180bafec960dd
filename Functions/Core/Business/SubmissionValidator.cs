using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace FollowUp.Core;

/// <summary>
/// Checks a submission's fields and normalizes them. One validator serves JSON and form posts
/// alike, so both get the same field errors, keyed by the field names of the contract.
/// </summary>
internal sealed partial class SubmissionValidator(IOptions<BusinessOptions> business)
{
    public const int MaxName = 100;
    public const int MaxEmail = 254;
    public const int MaxPhone = 32;
    public const int MaxMessage = 2000;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public (Submission? Submission, Dictionary<string, string[]> Errors) Validate(IReadOnlyDictionary<string, string?> fields, bool referral)
    {
        var errors = new Errors();
        var prospect = ReadProspect(fields, errors);
        Referrer? referrer = null;
        if (referral)
        {
            var name = PersonName(fields, Fields.ReferrerName, errors);
            var email = Email(fields, Fields.ReferrerEmail, errors);
            var phone = Phone(fields, Fields.ReferrerPhone, errors);
            var consent = Flag(fields, Fields.ReferrerConsentToSms, errors);
            if (email is null && phone is null && !errors.Has(Fields.ReferrerEmail) && !errors.Has(Fields.ReferrerPhone))
            {
                errors.Add(Fields.ReferrerEmail, "Give the referrer's email address or phone number, so we can thank them.");
            }

            referrer = new Referrer(name ?? "", email, phone, consent);
        }

        return errors.Count == 0
            ? (new Submission(prospect, referrer), errors.All)
            : (null, errors.All);
    }

    private Prospect ReadProspect(IReadOnlyDictionary<string, string?> fields, Errors errors)
    {
        var name = PersonName(fields, Fields.Name, errors);
        var email = Email(fields, Fields.Email, errors);
        var phone = Phone(fields, Fields.Phone, errors);
        var message = Text(fields, Fields.Message, MaxMessage, errors);
        var source = Line(fields, Fields.Source, Submission.MaxSource, errors, required: false) ?? "web form";
        var consent = Flag(fields, Fields.ConsentToSms, errors);

        var timeZone = Value(fields, Fields.TimeZone);
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors.Add(Fields.TimeZone, "Use an IANA time zone such as America/Chicago.");
        }

        if (email is null && phone is null && !errors.Has(Fields.Email) && !errors.Has(Fields.Phone))
        {
            errors.Add(Fields.Email, "Give an email address or a phone number.");
            errors.Add(Fields.Phone, "Give an email address or a phone number.");
        }

        var channel = Value(fields, Fields.PreferredChannel)?.ToLowerInvariant();
        switch (channel)
        {
            case null:
                break;
            case Channels.Sms:
                if (phone is null && !errors.Has(Fields.Phone))
                {
                    errors.Add(Fields.Phone, "A phone number is needed to reply by SMS.");
                }

                if (!consent && !errors.Has(Fields.ConsentToSms))
                {
                    errors.Add(Fields.ConsentToSms, "Agree to receive text messages to be answered by SMS.");
                }

                break;
            case Channels.Email:
                if (email is null && !errors.Has(Fields.Email))
                {
                    errors.Add(Fields.Email, "An email address is needed to reply by email.");
                }

                break;
            default:
                errors.Add(Fields.PreferredChannel, "Use 'sms' or 'email'.");
                break;
        }

        return new Prospect(name ?? "", email, phone, message, channel, source, timeZone, consent);
    }

    private static string? Value(IReadOnlyDictionary<string, string?> fields, string name) =>
        fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>A single line of text: no line breaks or other control characters (they enable header injection).</summary>
    private static string? Line(IReadOnlyDictionary<string, string?> fields, string name, int max, Errors errors, bool required)
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
    private static string? PersonName(IReadOnlyDictionary<string, string?> fields, string name, Errors errors)
    {
        var value = Line(fields, name, MaxName, errors, required: true);
        if (value is not null && !errors.Has(name) && LinkLike().IsMatch(value))
        {
            errors.Add(name, "Must be a name, not a web or email address.");
        }

        return value;
    }

    /// <summary>A scheme, <c>www.</c>, an <c>@</c>, or a word followed by a dot and a common top-level domain ("bit.ly", "win-cash.xyz/a").</summary>
    [GeneratedRegex(@"://|www\.|@|[\p{L}\p{N}-]\s*\.\s*(com|net|org|info|biz|io|co|me|ly|gl|gd|to|cc|tv|ws|su|pw|xyz|top|site|online|link|click|live|shop|store|app|dev|page|icu|buzz|work|win|bid|vip|club|fun|space|ru|cn|tk|ml|ga|cf|gq|us|uk|ca|de|fr|in|eu)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkLike();

    private static string? Text(IReadOnlyDictionary<string, string?> fields, string name, int max, Errors errors)
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

    private static string? Email(IReadOnlyDictionary<string, string?> fields, string name, Errors errors)
    {
        var value = Value(fields, name);
        if (value is null)
        {
            return null;
        }

        if (value.Length > MaxEmail
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

    private string? Phone(IReadOnlyDictionary<string, string?> fields, string name, Errors errors)
    {
        var value = Value(fields, name);
        if (value is null)
        {
            return null;
        }

        try
        {
            if (value.Length <= MaxPhone)
            {
                var number = Phones.Parse(value, business.Value.DefaultRegion);
                if (Phones.IsValidNumber(number))
                {
                    if (SmsDestinations.Unusable(number) is { } kind)
                    {
                        errors.Add(name, $"This is {kind}. Give a mobile or landline number.");
                        return null;
                    }

                    return Phones.Format(number, PhoneNumberFormat.E164);
                }
            }
        }
        catch (NumberParseException)
        {
        }

        errors.Add(name, $"Not a valid phone number. Include the country code if it is outside {business.Value.DefaultRegion}.");
        return null;
    }

    private static bool Flag(IReadOnlyDictionary<string, string?> fields, string name, Errors errors)
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

    private sealed class Errors
    {
        public Dictionary<string, string[]> All { get; } = new(StringComparer.OrdinalIgnoreCase);

        public int Count => All.Count;

        public bool Has(string name) => All.ContainsKey(name);

        public void Add(string name, string message) =>
            All[name] = All.TryGetValue(name, out var existing) ? [.. existing, message] : [message];
    }
}
