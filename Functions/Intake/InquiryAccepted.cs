namespace FollowUp.Intake;

/// <summary>
/// The 202 body: a receipt id, the promised time (UTC) and the channel that acknowledges the person. It is
/// the same shape and status for a new inquiry, a repeat of an open one and a bot's decoy, and names no
/// owner, so nobody can probe whether someone has an open inquiry (the acknowledgment itself, sent to the
/// person's own phone or inbox, names the owner).
/// </summary>
internal sealed record InquiryAccepted(string Id, DateTimeOffset RespondBy, string? Acknowledgment, string Message)
{
    public string Status => "received";
}
