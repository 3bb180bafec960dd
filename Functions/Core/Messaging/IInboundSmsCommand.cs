namespace FollowUp.Core;

/// <summary>
/// The extension point for texts that are not STOP, START or HELP (staff replies such as
/// <c>CLAIM 7K2</c>). The first command that returns a reply handles the text; null passes it on.
/// </summary>
internal interface IInboundSmsCommand
{
    Task<string?> TryHandleAsync(InboundSms sms, CancellationToken cancellationToken);
}
