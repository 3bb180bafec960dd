namespace FollowUp.Core;

/// <summary>The opt-out keywords carriers and Twilio recognise, matched case-insensitively on the whole trimmed text.</summary>
internal static class SmsKeywords
{
    public static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase) { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT" };
    public static readonly HashSet<string> Start = new(StringComparer.OrdinalIgnoreCase) { "START", "YES", "UNSTOP" };
    public static readonly HashSet<string> Help = new(StringComparer.OrdinalIgnoreCase) { "HELP", "INFO" };
}
