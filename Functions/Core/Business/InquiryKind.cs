namespace FollowUp.Core;

/// <summary>Where an inquiry came from; each kind has its own response window.</summary>
internal enum InquiryKind
{
    WebForm,
    Referral,
    Import,
}
