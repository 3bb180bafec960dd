namespace FollowUp.Core;

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
