using System.ComponentModel;

namespace FollowUp.Intake;

/// <summary>
/// The fields of a contact-form post as <c>/api/openapi.json</c> describes them: the same names (<see cref="Fields"/>)
/// in JSON and in a urlencoded form. <see cref="SubmissionReader"/> reads them; this type is their schema.
/// </summary>
[Description("A contact-form submission: email or phone is required. Every field but consentToSms is a string; in a form, consentToSms is a checkbox (on).")]
internal record InquiryForm
{
    [Description("One line, at most 100 characters, no < or >")]
    public required string Name { get; init; }

    [Description("A plain address")]
    public string? Email { get; init; }

    [Description("Any common format; read in FollowUp:Business:DefaultRegion without a country code")]
    public string? Phone { get; init; }

    [Description("At most 2,000 characters of plain text")]
    public string? Message { get; init; }

    [Description("sms or email; sms needs phone and consentToSms")]
    public string? PreferredChannel { get; init; }

    [Description("Where the form lives; default 'web form'")]
    public string? Source { get; init; }

    [Description("IANA name, e.g. America/Chicago: the promised time is written in it")]
    public string? TimeZone { get; init; }

    [Description("SMS goes to the prospect only with consent")]
    public bool? ConsentToSms { get; init; }

    [Description("The honeypot (FollowUp:Intake:HoneypotField): leave it empty and hidden")]
    public string? Website { get; init; }
}
