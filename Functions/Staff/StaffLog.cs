namespace FollowUp.Staff;

internal static partial class StaffLog
{
    [LoggerMessage(5001, LogLevel.Information, "Staff directory seeded: {Configured} from FollowUp:Staff, {FromCsv} from FollowUp:StaffCsv")]
    public static partial void Seeded(ILogger logger, int configured, int fromCsv);

    [LoggerMessage(5002, LogLevel.Information, "Staff member {StaffId} is no longer configured; removed from the directory")]
    public static partial void Removed(ILogger logger, string staffId);

    [LoggerMessage(5010, LogLevel.Information, "A text from {Phone}, a number no inquiry has, was not forwarded")]
    public static partial void ReplyFromUnknownNumber(ILogger logger, string phone);
}
