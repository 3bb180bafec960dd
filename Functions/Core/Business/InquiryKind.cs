namespace FollowUp.Core;

/// <summary>Where an inquiry came from; each kind has its own response window.</summary>
internal enum InquiryKind
{
    WebForm,
    Referral,
    Import,

    /// <summary>A call to the business number (missed, or answered by staff); promised like a web form.</summary>
    Call,
}
