using System.ComponentModel;

namespace FollowUp.Intake;

/// <summary>
/// The fields of a referral post as <c>/api/openapi.json</c> describes them: the prospect's inquiry fields
/// and the referrer's. JSON may also nest them (<c>{"referrer": {…}, "prospect": {…}}</c>, see <see cref="SubmissionReader"/>).
/// </summary>
[Description("A referral: the prospect's fields as for an inquiry, plus the referrer (a name and an email or phone). JSON may nest them instead: {\"referrer\": {\"name\": ...}, \"prospect\": {\"name\": ...}}.")]
internal sealed record ReferralForm : InquiryForm
{
    public required string ReferrerName { get; init; }

    public string? ReferrerEmail { get; init; }

    public string? ReferrerPhone { get; init; }

    [Description("The referrer is thanked by SMS only with consent")]
    public bool? ReferrerConsentToSms { get; init; }
}
