namespace FollowUp.Leads;

internal static partial class LeadImportLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead import: line {Line} failed on storage ({Status} {ErrorCode})")]
    public static partial void RowFailed(ILogger logger, int line, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead import from {Source} by {StaffId}: {Rows} rows, {Created} created, {Invalid} invalid, {Failed} failed")]
    public static partial void Imported(ILogger logger, string source, string staffId, int rows, int created, int invalid, int failed);
}
