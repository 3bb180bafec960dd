namespace FollowUp.Reports;

/// <summary>Of the prospects sent a status link (<see cref="Sent"/>), the share who opened it, moved the time, withdrew and added a detail.</summary>
internal sealed record StatusLinkShares(int Sent, double Opened, double MovedTime, double Withdrew, double AddedDetail);
