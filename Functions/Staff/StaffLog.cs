namespace FollowUp.Staff;

internal static partial class StaffLog
{
    [LoggerMessage(5001, LogLevel.Information, "Staff directory seeded with {Count} member(s) from FollowUp:Staff")]
    public static partial void Seeded(ILogger logger, int count);
}
