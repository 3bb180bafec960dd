namespace FollowUp.Webhooks;

internal static partial class WebhooksLog
{
    [LoggerMessage(4001, LogLevel.Warning, "Rejected an unsigned or forged webhook call to {Path}")]
    public static partial void Forged(ILogger logger, string path);

    [LoggerMessage(4002, LogLevel.Information, "{Phone} opted out of texts")]
    public static partial void OptedOut(ILogger logger, string phone);

    [LoggerMessage(4003, LogLevel.Information, "{Phone} opted in to texts again")]
    public static partial void OptedIn(ILogger logger, string phone);

    [LoggerMessage(4004, LogLevel.Information, "SendGrid event {Event} for {Email}")]
    public static partial void EmailEvent(ILogger logger, string @event, string email);

    [LoggerMessage(4005, LogLevel.Error, "SendGrid:WebhookPublicKey is not a valid public key; every SendGrid event is being rejected")]
    public static partial void BadSendGridKey(ILogger logger, Exception exception);

    [LoggerMessage(4006, LogLevel.Information, "Rejected a SendGrid event call whose signature could not be read ({Failure})")]
    public static partial void MalformedSendGridSignature(ILogger logger, string failure);

    [LoggerMessage(4020, LogLevel.Information, "An email reply to inquiry {InquiryId}, which is not stored, was dropped")]
    public static partial void ReplyToUnknownInquiry(ILogger logger, string inquiryId);
}
