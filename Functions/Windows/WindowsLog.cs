namespace FollowUp.Windows;

internal static partial class WindowsLog
{
    [LoggerMessage(6001, LogLevel.Information, "Ladder step {Step} taken for inquiry {InquiryId} ({Messages} message(s))")]
    public static partial void StepTaken(ILogger logger, string step, string inquiryId, int messages);
}
