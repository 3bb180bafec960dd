namespace FollowUp.Core;

internal static partial class CoreLog
{
    [LoggerMessage(1012, LogLevel.Information, "Request refused with {Status}: {Reason}")]
    public static partial void BadRequest(ILogger logger, int status, string reason);

    [LoggerMessage(1013, LogLevel.Warning, "Storage unavailable while serving {Path} ({Failure}); answered 503")]
    public static partial void StorageUnavailable(ILogger logger, string path, string failure);

    [LoggerMessage(1014, LogLevel.Warning, "Rejected an unsigned or forged Twilio webhook call to {Path}")]
    public static partial void ForgedTwilio(ILogger logger, string path);

    [LoggerMessage(1015, LogLevel.Warning, "Could not delete recording {RecordingSid} at Twilio ({Reason}); its inquiry is kept until it can be")]
    public static partial void RecordingNotDeleted(ILogger logger, string recordingSid, string reason);

    [LoggerMessage(2019, LogLevel.Warning, "A daily cap on texts ({Cap}) reached {Count}; the rest wait until {Until:o}; told {Managers} manager(s)")]
    public static partial void DailyCapReached(ILogger logger, string cap, int count, DateTimeOffset until, int managers);

    [LoggerMessage(2007, LogLevel.Warning, "Could not queue message {MessageId} of inquiry {InquiryId}; the outbox sweep will queue it")]
    public static partial void EnqueueFailed(ILogger logger, Exception exception, string messageId, string inquiryId);

    [LoggerMessage(2015, LogLevel.Warning, "{Setting} takes {Segments} SMS segments ({Encoding}) with typical values; past 2, each text costs more and may arrive split")]
    public static partial void LongSmsTemplate(ILogger logger, string setting, int segments, string encoding);

    [LoggerMessage(2014, LogLevel.Information, "{Setting} takes {Segments} SMS segment(s) ({Encoding}) with typical values")]
    public static partial void SmsTemplateSize(ILogger logger, string setting, int segments, string encoding);

    [LoggerMessage(2020, LogLevel.Information, "A text to staff {Recipient} waits until {Until:o}: the phone had its texts for the hour")]
    public static partial void StaffHourFull(ILogger logger, string recipient, DateTimeOffset until);

    [LoggerMessage(5002, LogLevel.Information, "Staff member {StaffId} is no longer configured; removed from the directory")]
    public static partial void Removed(ILogger logger, string staffId);

    [LoggerMessage(5003, LogLevel.Warning, "Writing the staff directory failed ({Failure}); the next read of it tries again")]
    public static partial void SeedingFailed(ILogger logger, string failure);

    [LoggerMessage(5001, LogLevel.Information, "Staff directory seeded: {Configured} from FollowUp:Staff, {FromCsv} from FollowUp:StaffCsv")]
    public static partial void Seeded(ILogger logger, int configured, int fromCsv);
}
