namespace FollowUp.Privacy;

/// <summary>What an erasure removed: inquiries deleted (the person's own), inquiries they were cut out of (as referrer), and whether a STOP or suppression was kept.</summary>
internal sealed record ErasureReport(int InquiriesDeleted, int InquiriesScrubbed, bool SuppressionKept);
