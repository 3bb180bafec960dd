namespace FollowUp.Core;

/// <summary>One delivery of a queue message: its text and how many times it has been dequeued.</summary>
internal sealed record QueueInvocation(string MessageText, long DequeueCount, string? MessageId);
