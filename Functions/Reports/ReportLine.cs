namespace FollowUp.Reports;

/// <summary>
/// One owner's or source's figures. Minutes are business minutes from the inquiry to the first contact
/// attempt; <see cref="ContactedInWindow"/> is the share of inquiries first contacted by their first promise (or by
/// the time the prospect moved it to on their status page). <see cref="StatusLink"/>: what prospects did with their links.
/// </summary>
internal sealed record ReportLine(
    string Dimension, string Key, string Name, int Inquiries, int Contacted, double? MedianMinutes, double? P90Minutes, double? ContactedInWindow,
    int LapsedPromises, int Escalations, int NoNewsSent, double AttemptsPerInquiry, int RepliesUnanswered,
    StatusLinkShares? StatusLink = null, CallLine? Calls = null);

/// <summary>
/// A line's calls (null when it had none): answered by staff, missed, missed callers texted back and the median seconds from the
/// missed call to the text, voicemails, click-to-calls and how many reached the prospect, and first contacts measured by a call.
/// </summary>
internal sealed record CallLine(
    int Answered, int Missed, int TextedBack, double? MedianTextBackSeconds, int Voicemails, int Callbacks, int CallbacksReached, int FirstContactsByCall);
