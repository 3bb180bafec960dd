namespace FollowUp.Leads;

/// <summary>How many rows ended which way.</summary>
internal sealed record ImportSummary(int Rows, int Created, int Existing, int AlreadyImported, int Duplicate, int Invalid, int Failed, int Skipped);
