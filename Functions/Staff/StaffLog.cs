namespace FollowUp.Staff;

internal static partial class StaffLog
{
    [LoggerMessage(5001, LogLevel.Information, "Staff directory seeded: {Configured} from FollowUp:Staff, {FromCsv} from FollowUp:StaffCsv")]
    public static partial void Seeded(ILogger logger, int configured, int fromCsv);
}
