namespace FollowUp.Core;

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
