namespace FollowUp.Notifications;

/// <summary>One message to hand to a provider, with the ids that tie it back to its outbox row.</summary>
internal sealed record OutgoingMessage(
    string InquiryId,
    string MessageId,
    string Kind,
    string Channel,
    string To,
    string? Subject,
    string Body);

/// <summary>What came of handing a message to a provider.</summary>
internal abstract record SendOutcome
{
    /// <summary>The provider took the message.</summary>
    public sealed record Accepted(string ProviderMessageId, string? Status = null) : SendOutcome;

    /// <summary>Not sent, and worth trying again later (429, 5xx, no connection).</summary>
    public sealed record Transient(string Code, string Reason, TimeSpan? RetryAfter = null) : SendOutcome;

    /// <summary>Not sent, and trying again cannot help (invalid number, unsubscribed recipient, other 4xx).</summary>
    public sealed record Permanent(string Code, string Reason) : SendOutcome;

    /// <summary>The request went out but no answer came back: the provider may or may not have the message.</summary>
    public sealed record Ambiguous(string Reason) : SendOutcome;
}

/// <summary>Sends text messages.</summary>
internal interface ISmsSender
{
    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// After an ambiguous attempt: the provider's id of this message if the provider has it (sent to the
    /// same number, same text, since <paramref name="since"/>), else null.
    /// </summary>
    Task<string?> FindSentAsync(OutgoingMessage message, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>Sends email.</summary>
internal interface IEmailSender
{
    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

internal static class Channels
{
    public const string Sms = "sms";
    public const string Email = "email";
}

internal static class MessageKinds
{
    public const string Acknowledgment = "acknowledgment";
    public const string ReferrerThanks = "referrer-thanks";
    public const string OwnerReminder = "owner-reminder";
    public const string OwnerLapsed = "owner-lapsed";
    public const string Escalation = "escalation";
    public const string OwnerFollowUp = "owner-follow-up";
    public const string NoNews = "no-news";
    public const string ReferrerUpdate = "referrer-update";
    public const string SmsCapReached = "sms-cap-reached";
    public const string ProspectReply = "prospect-reply";
    public const string RelayedAnswer = "relayed-answer";
    public const string WeeklySummary = "weekly-summary";

    /// <summary>Which party of the inquiry a message goes to (their replies come back to their own address); null for staff and managers.</summary>
    public static Core.Party? PartyOf(string kind) => kind switch
    {
        Acknowledgment or NoNews or RelayedAnswer => Core.Party.Prospect,
        ReferrerThanks or ReferrerUpdate => Core.Party.Referrer,
        _ => null,
    };

    /// <summary>Messages to staff rather than prospects: they follow business hours in the staff member's zone.</summary>
    public static bool IsForStaff(string kind) => IsAboutInquiry(kind) || kind is SmsCapReached or WeeklySummary;

    /// <summary>Texts to staff about one inquiry: after one, a staff command without a code means that inquiry.</summary>
    public static bool IsAboutInquiry(string kind) => kind is OwnerReminder or OwnerLapsed or Escalation or OwnerFollowUp or ProspectReply;
}
