namespace FollowUp.Privacy;

/// <summary>
/// What an erasure removed: inquiries deleted (the person's own), inquiries they were cut out of (as referrer), and whether a STOP or
/// suppression was kept; and their inquiries kept because a voicemail recording could not be deleted at Twilio (ask again).
/// </summary>
internal sealed record ErasureReport(int InquiriesDeleted, int InquiriesScrubbed, bool SuppressionKept, int InquiriesKept = 0);
