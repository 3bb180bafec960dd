namespace FollowUp.Core;

/// <summary>Sends email.</summary>
internal interface IEmailSender
{
    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
