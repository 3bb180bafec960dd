namespace FollowUp.Reports;

/// <summary>
/// One owner's or source's figures. Minutes are business minutes from the inquiry to the first contact
/// attempt; <see cref="ContactedInWindow"/> is the share of inquiries first contacted by their first promise (or by
/// the time the prospect moved it to on their status page). <see cref="StatusLink"/>: what prospects did with their links.
/// </summary>
internal sealed record ReportLine(
    string Dimension, string Key, string Name, int Inquiries, int Contacted, double? MedianMinutes, double? P90Minutes, double? ContactedInWindow,
    int LapsedPromises, int Escalations, int NoNewsSent, double AttemptsPerInquiry, int RepliesUnanswered,
    StatusLinkShares? StatusLink = null);
