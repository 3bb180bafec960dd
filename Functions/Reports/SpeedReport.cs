namespace FollowUp.Reports;

/// <summary>The report: a line per owner and per source; <see cref="StorageReads"/> says what it cost.</summary>
internal sealed record SpeedReport(DateOnly From, DateOnly To, ReportLine Total, IReadOnlyList<ReportLine> Owners, IReadOnlyList<ReportLine> Sources, int StorageReads);
