namespace FollowUp.Core;

/// <summary>One message to hand to a provider, with the ids that tie it back to its outbox row.</summary>
internal sealed record OutgoingMessage(
    string InquiryId,
    string MessageId,
    string Kind,
    string Channel,
    string To,
    string? Subject,
    string Body);
