using System.Globalization;

namespace FollowUp.Core;

/// <summary>Writes a time (a promise, when held texts go) the way a person says it, in the recipient's time zone.</summary>
internal static class TimeInWords
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>"3:15 PM today", "9:00 AM tomorrow" or "9:00 AM on Monday, November 30".</summary>
    public static string Describe(DateTimeOffset promised, DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(promised, zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var day = DateOnly.FromDateTime(local.DateTime);
        var clock = local.ToString("h:mm tt", English);
        return day == today ? $"{clock} today"
            : day == today.AddDays(1) ? $"{clock} tomorrow"
            : $"{clock} on {local.ToString("dddd, MMMM d", English)}";
    }
}
