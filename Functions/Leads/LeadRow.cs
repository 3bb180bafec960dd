namespace FollowUp.Leads;

/// <summary>One data row: its line in the file (the header is line 1) and its fields.</summary>
internal sealed record LeadRow(int Line, IReadOnlyDictionary<string, string?> Fields);
