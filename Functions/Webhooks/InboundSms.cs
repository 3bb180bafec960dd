namespace FollowUp.Webhooks;

/// <summary>A text message someone sent to the business's number.</summary>
internal sealed record InboundSms(string From, string To, string Body, string MessageSid);

/// <summary>
/// The extension point for texts that are not STOP, START or HELP (staff replies such as
/// <c>CLAIM 7K2</c>). The first command that returns a reply handles the text; null passes it on.
/// </summary>
internal interface IInboundSmsCommand
{
    Task<string?> TryHandleAsync(InboundSms sms, CancellationToken cancellationToken);
}

/// <summary>The opt-out keywords carriers and Twilio recognise, matched case-insensitively on the whole trimmed text.</summary>
internal static class SmsKeywords
{
    public static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase) { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT" };
    public static readonly HashSet<string> Start = new(StringComparer.OrdinalIgnoreCase) { "START", "YES", "UNSTOP" };
    public static readonly HashSet<string> Help = new(StringComparer.OrdinalIgnoreCase) { "HELP", "INFO" };
}
