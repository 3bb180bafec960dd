using System.Globalization;

namespace FollowUp.Calls;

/// <summary>The name a caller's inquiry gets: Twilio's caller-name lookup when it gives one (<c>CallerName</c>), else the number's last digits.</summary>
internal static class CallerNames
{
    public static string For(string caller, string? callerName)
    {
        var name = callerName?.Trim();
        return !string.IsNullOrEmpty(name) && name.Length <= 100 && name.All(c => char.IsLetter(c) || c is ' ' or '-' or '\'' or '.')
            ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant())
            : $"Caller ending {caller[^Math.Min(4, caller.Length)..]}";
    }

    /// <summary>
    /// Whether a caller's <c>From</c> is a phone number to answer (not <c>anonymous</c>, a client or a SIP address, nor
    /// one <see cref="SmsDestinations.Unusable(string)"/> refuses, such as a premium-rate number): anything else is treated as anonymous.
    /// </summary>
    public static bool IsPhone(string from) =>
        from.Length is >= 8 and <= 16 && from[0] == '+' && from[1] != '0' && from[1..].All(char.IsAsciiDigit) && SmsDestinations.Unusable(from) is null;
}
