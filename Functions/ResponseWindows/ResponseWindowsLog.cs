namespace FollowUp.ResponseWindows;

internal static partial class WindowsLog
{
    [LoggerMessage(6001, LogLevel.Information, "Ladder step {Step} taken for inquiry {InquiryId} ({Messages} message(s))")]
    public static partial void StepTaken(ILogger logger, string step, string inquiryId, int messages);

    [LoggerMessage(6002, LogLevel.Error, "Ladder step {Step} for inquiry {InquiryId} failed; it is tried again at the next scan")]
    public static partial void StepFailed(ILogger logger, Exception exception, string step, string inquiryId);
}
