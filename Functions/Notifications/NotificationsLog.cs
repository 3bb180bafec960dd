namespace FollowUp.Notifications;

internal static partial class NotificationsLog
{
    [LoggerMessage(2001, LogLevel.Information, "Local sink: {Kind} by {Channel} to {Recipient} for inquiry {InquiryId} written to {File}")]
    public static partial void LocalSinkWrote(ILogger logger, string kind, string channel, string recipient, string inquiryId, string file);

    [LoggerMessage(2002, LogLevel.Information, "Sent {Kind} by {Channel} to {Recipient} for inquiry {InquiryId}")]
    public static partial void Sent(ILogger logger, string kind, string channel, string recipient, string inquiryId);

    [LoggerMessage(2003, LogLevel.Information, "Message {MessageId} of inquiry {InquiryId} is already {State}; nothing to send")]
    public static partial void AlreadyHandled(ILogger logger, string messageId, string inquiryId, string state);

    [LoggerMessage(2004, LogLevel.Warning, "No outbox row for message {MessageId} of inquiry {InquiryId}; dropping the queue message")]
    public static partial void MissingOutboxRow(ILogger logger, string messageId, string inquiryId);

    [LoggerMessage(2005, LogLevel.Warning, "Queue message is not a notification reference; dropping it")]
    public static partial void UnreadableMessage(ILogger logger);

    [LoggerMessage(2006, LogLevel.Error, "Giving up on {Kind} message {MessageId} of inquiry {InquiryId} after {Attempts} tries")]
    public static partial void GaveUp(ILogger logger, string kind, string messageId, string inquiryId, int attempts);


    [LoggerMessage(2009, LogLevel.Warning, "{Kind} message {MessageId} of inquiry {InquiryId} failed for good: provider code {Code}")]
    public static partial void PermanentFailure(ILogger logger, string kind, string messageId, string inquiryId, string code);

    [LoggerMessage(2010, LogLevel.Warning, "{Kind} message {MessageId} of inquiry {InquiryId}: no answer from the provider ({Reason}); it will be looked up before any resend")]
    public static partial void AmbiguousOutcome(ILogger logger, string kind, string messageId, string inquiryId, string reason);

    [LoggerMessage(2011, LogLevel.Information, "Message {MessageId} of inquiry {InquiryId} was found at the provider after an unanswered attempt; not sending it again")]
    public static partial void FoundAfterAmbiguousAttempt(ILogger logger, string messageId, string inquiryId);

    [LoggerMessage(2012, LogLevel.Information, "{Kind} message {MessageId} of inquiry {InquiryId}: try {Attempt} failed; retrying in {Delay}")]
    public static partial void WillRetry(ILogger logger, string kind, string messageId, string inquiryId, int attempt, TimeSpan delay);

    [LoggerMessage(2013, LogLevel.Information, "{Kind} message {MessageId} of inquiry {InquiryId} held until {Until:u}: {Why}")]
    public static partial void Deferred(ILogger logger, string kind, string messageId, string inquiryId, DateTimeOffset until, string why);



    [LoggerMessage(2008, LogLevel.Information, "Outbox sweep queued {Count} waiting message(s) again, for inquiries created {From:o} to {To:o}")]
    public static partial void SweepRequeued(ILogger logger, int count, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(2016, LogLevel.Information, "Message {MessageId} of inquiry {InquiryId} is being sent by another worker; looking again shortly")]
    public static partial void Busy(ILogger logger, string messageId, string inquiryId);

    [LoggerMessage(2017, LogLevel.Warning, "Message {MessageId} of inquiry {InquiryId} sat unfinished ({State}) with nothing queued to finish it; queued it again")]
    public static partial void Repaired(ILogger logger, string messageId, string inquiryId, string state);

    [LoggerMessage(2018, LogLevel.Warning, "Sending {MessageId} of {InquiryId} right after intake failed; the queue will send it")]
    public static partial void SendNowFailed(ILogger logger, Exception exception, string messageId, string inquiryId);
}
