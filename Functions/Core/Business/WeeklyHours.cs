using System.Globalization;

namespace FollowUp.Core;

/// <summary>Hours of one day written <c>08:00-18:00</c>, and a week of them written compactly for storage.</summary>
internal static class WeeklyHours
{
    public static (TimeOnly Open, TimeOnly Close)? Parse(string? text)
    {
        var parts = text?.Split('-', StringSplitOptions.TrimEntries);
        return parts is [var open, var close]
            && TimeOnly.TryParseExact(open, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var o)
            && TimeOnly.TryParseExact(close, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var c)
            && c > o
                ? (o, c)
                : null;
    }

    /// <summary><c>Monday=09:00-17:00;Saturday=</c>: the days a person set, for a table column.</summary>
    public static string Write(IReadOnlyDictionary<DayOfWeek, string> hours) =>
        string.Join(';', hours.Select(h => $"{h.Key}={h.Value}"));

    public static Dictionary<DayOfWeek, string> Read(string? written) =>
        (written ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(kv => kv.Length == 2 && Enum.TryParse<DayOfWeek>(kv[0], out _))
            .ToDictionary(kv => Enum.Parse<DayOfWeek>(kv[0]), kv => kv[1]);
}
