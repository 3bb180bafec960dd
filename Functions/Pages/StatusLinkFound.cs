namespace FollowUp.Pages;

/// <summary>What a status link leads to: nothing known, a page that has ended, or a live inquiry.</summary>
internal sealed record StatusLinkFound(StatusLinkState State, InquiryEntity? Inquiry);
