namespace FollowUp.Reports;

/// <summary>
/// What prospects did with their status links: how many were sent one, and of those how many opened it,
/// moved the time, withdrew ("I've sorted it") and added a detail.
/// </summary>
internal readonly record struct StatusLinkUse(int Sent, int Opened, int Moved, int Withdrew, int Detailed)
{
    public static StatusLinkUse Of(InquiryEntity inquiry) => inquiry.StatusLinkHash is null ? default : new(
        1, inquiry.StatusOpenedAt is null ? 0 : 1, inquiry.CallbackAt is null ? 0 : 1, inquiry.Outcome == InquiryStatus.Withdrawn ? 1 : 0, inquiry.DetailsAdded > 0 ? 1 : 0);

    public static StatusLinkUse operator +(StatusLinkUse a, StatusLinkUse b) =>
        new(a.Sent + b.Sent, a.Opened + b.Opened, a.Moved + b.Moved, a.Withdrew + b.Withdrew, a.Detailed + b.Detailed);

    /// <summary>Each as a share of the prospects sent a link; null when none was.</summary>
    public StatusLinkShares? Shares()
    {
        var sent = Sent;
        double Share(int count) => Math.Round((double)count / sent, 2);
        return sent == 0 ? null : new StatusLinkShares(Sent, Share(Opened), Share(Moved), Share(Withdrew), Share(Detailed));
    }
}
