namespace FollowUp.Core;

/// <summary>A text message someone sent to the business's number.</summary>
internal sealed record InboundSms(string From, string To, string Body, string MessageSid);
