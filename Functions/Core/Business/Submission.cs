namespace FollowUp.Core;

/// <summary>A validated, normalized submission: phones in E.164, emails trimmed, defaults applied.</summary>
/// <param name="Imported">A lead from an imported list; <paramref name="Acknowledge"/> false sends it no acknowledgment.</param>
/// <param name="Called">A call to the business number: acknowledged (when missed) by the missed-call text-back.</param>
internal sealed record Submission(Prospect Prospect, Referrer? Referrer, bool Imported = false, bool Acknowledge = true, bool Called = false)
{
    /// <summary>The longest <c>source</c> (where a form lives, or the event a list came from), on one line.</summary>
    public const int MaxSource = 100;

    public InquiryKind Kind => Called ? InquiryKind.Call : Imported ? InquiryKind.Import : Referrer is null ? InquiryKind.WebForm : InquiryKind.Referral;
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
