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

/// <summary>What a provider said when it accepted a message.</summary>
internal sealed record SendReceipt(string ProviderMessageId);

/// <summary>Sends text messages. Throws when the provider did not accept the message.</summary>
internal interface ISmsSender
{
    Task<SendReceipt> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends email. Throws when the provider did not accept the message.</summary>
internal interface IEmailSender
{
    Task<SendReceipt> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
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
}
