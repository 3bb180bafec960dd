namespace FollowUp.Calls;

internal static partial class CallsLog
{
    [LoggerMessage(7001, LogLevel.Information, "Missed call from {Caller} on inquiry {InquiryId} (joined an open one: {Joined}); {Missed} missed within the urgency window")]
    public static partial void Missed(ILogger logger, string inquiryId, string caller, bool joined, int missed);

    [LoggerMessage(7002, LogLevel.Information, "Voicemail on inquiry {InquiryId} (transcript {TranscriptionStatus}) sent to {Recipients} staff")]
    public static partial void Voicemail(ILogger logger, string inquiryId, int recipients, string transcriptionStatus);

    [LoggerMessage(7003, LogLevel.Information, "Click-to-call {CallSid} on inquiry {InquiryId} by {StaffId}")]
    public static partial void CallPlaced(ILogger logger, string callSid, string inquiryId, string staffId);

    [LoggerMessage(7004, LogLevel.Warning, "Twilio refused a click-to-call on inquiry {InquiryId} (error {Code})")]
    public static partial void CallRefused(ILogger logger, string inquiryId, string code);

    [LoggerMessage(7005, LogLevel.Information, "Click-to-call {CallSid} on inquiry {InquiryId} ended: {Outcome} after {Seconds} s")]
    public static partial void Bridged(ILogger logger, string callSid, string inquiryId, string outcome, int seconds);

}
