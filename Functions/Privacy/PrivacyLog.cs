namespace FollowUp.Privacy;

internal static partial class PrivacyLog
{
    [LoggerMessage(9001, LogLevel.Warning, "Erased {Phone} {Email}: {Own} inquiry(ies) deleted, cut out of {Referred} as referrer")]
    public static partial void Erased(ILogger logger, string phone, string email, int own, int referred);

    [LoggerMessage(9002, LogLevel.Information, "Retention: deleted {Inquiries} inquiry(ies) created before {Cutoff:o}, {Contacts} idle contact(s) and {Events} old SendGrid event id(s)")]
    public static partial void Purged(ILogger logger, int inquiries, int contacts, int events, DateTimeOffset cutoff);
}
