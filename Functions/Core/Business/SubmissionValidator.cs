using static FollowUp.Core.FieldRules;
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
        var errors = new FieldErrors();
        var prospect = ReadProspect(fields, errors);
        Referrer? referrer = null;
        if (referral)
        {
            var name = Name(fields, Fields.ReferrerName, errors);
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

    private Prospect ReadProspect(IReadOnlyDictionary<string, string?> fields, FieldErrors errors)
    {
        var name = Name(fields, Fields.Name, errors);
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

    private string? Phone(IReadOnlyDictionary<string, string?> fields, string name, FieldErrors errors)
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
}
