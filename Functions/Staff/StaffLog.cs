namespace FollowUp.Staff;

internal static partial class StaffLog
{
    [LoggerMessage(5010, LogLevel.Information, "A text from {Phone}, a number no inquiry has, was not forwarded")]
    public static partial void ReplyFromUnknownNumber(ILogger logger, string phone);
}
