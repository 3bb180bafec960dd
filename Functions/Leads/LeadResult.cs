namespace FollowUp.Leads;

/// <summary>What became of one row of a lead list.</summary>
internal sealed record LeadResult(
    int Line, string Status, string? Name, string? InquiryId = null, string? Owner = null, DateTimeOffset? RespondBy = null,
    string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>Tells a row apart from the header and summary lines of the line-per-row response.</summary>
    public string Type => "row";

    public static readonly string[] Statuses = ["created", "existing", "already-imported", "duplicate", "invalid", "failed", "skipped"];

    public static LeadResult Created(int line, string name, string id, string? owner, DateTimeOffset respondBy) =>
        new(line, "created", name, id, owner, respondBy);

    public static LeadResult Existing(int line, string name, string id) =>
        new(line, "existing", name, id, Detail: "This phone or email already has an open inquiry; nothing new was created.");

    public static LeadResult AlreadyImported(int line, string name, string? id) =>
        new(line, "already-imported", name, id, Detail: "Imported from this event before.");

    public static LeadResult Duplicate(int line, string name, int earlierLine) =>
        new(line, "duplicate", name, Detail: $"Same person as line {earlierLine}.");

    public static LeadResult Invalid(int line, string? name, IReadOnlyDictionary<string, string[]> errors) =>
        new(line, "invalid", string.IsNullOrWhiteSpace(name) ? null : name, Detail: "Fix the fields listed and upload again.", Errors: errors);

    public static LeadResult Failed(int line, string name, string detail) => new(line, "failed", name, Detail: detail);

    public static LeadResult Skipped(int line, string detail) => new(line, "skipped", null, Detail: detail);
}
