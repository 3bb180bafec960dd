namespace FollowUp.Core;

/// <summary>A validated, normalized submission: phones in E.164, emails trimmed, defaults applied.</summary>
/// <param name="Imported">A lead from an imported list; <paramref name="Acknowledge"/> false sends it no acknowledgment.</param>
internal sealed record Submission(Prospect Prospect, Referrer? Referrer, bool Imported = false, bool Acknowledge = true)
{
    /// <summary>The longest <c>source</c> (where a form lives, or the event a list came from), on one line.</summary>
    public const int MaxSource = 100;

    public InquiryKind Kind => Imported ? InquiryKind.Import : Referrer is null ? InquiryKind.WebForm : InquiryKind.Referral;
}

internal sealed record Prospect(
    string Name,
    string? Email,
    string? Phone,
    string? Message,
    string? PreferredChannel,
    string Source,
    string? TimeZone,
    bool ConsentToSms);

internal sealed record Referrer(string Name, string? Email, string? Phone, bool ConsentToSms);

/// <summary>The field names of the HTTP contract, the same in JSON and in form posts.</summary>
internal static class Fields
{
    public const string Name = "name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Message = "message";
    public const string PreferredChannel = "preferredChannel";
    public const string Source = "source";
    public const string TimeZone = "timeZone";
    public const string ConsentToSms = "consentToSms";
    public const string ReferrerName = "referrerName";
    public const string ReferrerEmail = "referrerEmail";
    public const string ReferrerPhone = "referrerPhone";
    public const string ReferrerConsentToSms = "referrerConsentToSms";
}
