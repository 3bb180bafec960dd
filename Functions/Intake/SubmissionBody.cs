namespace FollowUp.Intake;

/// <summary>The fields of a submission, or why its body could not be read.</summary>
internal sealed record SubmissionBody(
    IReadOnlyDictionary<string, string?>? Fields,
    bool IsForm,
    int? ErrorStatus,
    string? ErrorTitle,
    string? ErrorDetail,
    IDictionary<string, string[]>? FieldErrors,
    SentNames Names)
{
    public static SubmissionBody Ok(IReadOnlyDictionary<string, string?> fields, bool isForm, SentNames names = default) =>
        new(fields, isForm, null, null, null, null, names);

    public static SubmissionBody Fail(int status, string title, string detail) => new(null, false, status, title, detail, null, default);

    public static SubmissionBody Invalid(IDictionary<string, string[]> errors, SentNames names = default) => new(null, false, null, null, null, errors, names);
}
