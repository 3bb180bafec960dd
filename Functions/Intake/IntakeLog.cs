namespace FollowUp.Intake;

internal static partial class IntakeLog
{
    [LoggerMessage(3001, LogLevel.Information, "Stored inquiry {InquiryId} from {Source} with {Messages} message(s) to send")]
    public static partial void Stored(ILogger logger, string inquiryId, string source, int messages);

    [LoggerMessage(3002, LogLevel.Information, "Repeat submission joined open inquiry {InquiryId} (submission {Count})")]
    public static partial void Joined(ILogger logger, string inquiryId, int count);

    [LoggerMessage(3003, LogLevel.Information, "Dropped a submission that filled the honeypot field")]
    public static partial void HoneypotFilled(ILogger logger);

    [LoggerMessage(3004, LogLevel.Information, "Rejected a submission: {Status} {Title}")]
    public static partial void Rejected(ILogger logger, int status, string title);

    [LoggerMessage(3005, LogLevel.Information, "Inquiry {InquiryId} was stored by a try whose answer was lost; not storing it again")]
    public static partial void StoredOnEarlierTry(ILogger logger, string inquiryId);
}
