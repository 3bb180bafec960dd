using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// Business-time arithmetic: adds a response window to a moment counting only opening hours, in the
/// business's time zone, skipping closed days and holidays. Opening and closing times are wall-clock
/// times, so a window that spans a daylight-saving change still ends at the right local time.
/// </summary>
internal sealed class BusinessCalendar(IOptions<ResponseWindowOptions> windows, IOptions<BusinessOptions> business)
{
    /// <summary>The promise for an inquiry of this kind received at <paramref name="received"/>.</summary>
    public DateTimeOffset RespondBy(DateTimeOffset received, InquiryKind kind) =>
        AddBusinessTime(received, kind switch
        {
            InquiryKind.Referral => windows.Value.Referral,
            InquiryKind.Import => windows.Value.Import,
            _ => windows.Value.WebForm,
        });

    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration) =>
        AddBusinessTime(start, duration, business.Value.FindZone());

    /// <summary>
    /// <paramref name="now"/> when the business is open then (by the clock in <paramref name="zone"/>), else
    /// when it next opens. <paramref name="personalHours"/> replaces the business's days that a person set.
    /// </summary>
    public DateTimeOffset NextOpening(DateTimeOffset now, TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, string>? personalHours = null) =>
        AddBusinessTime(now, TimeSpan.Zero, zone, personalHours);

    /// <summary>The opening hours between two moments (zero when <paramref name="end"/> is not after <paramref name="start"/>).</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset start, DateTimeOffset end)
    {
        var zone = business.Value.FindZone();
        var holidays = windows.Value.HolidayDates().ToHashSet();
        var total = TimeSpan.Zero;
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(end, zone).DateTime);
        for (var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, zone).DateTime); day <= last; day = day.AddDays(1))
        {
            if (holidays.Contains(day) || windows.Value.OpeningHours(day.DayOfWeek) is not { } hours)
            {
                continue;
            }

            var from = Max(start, Instant(day, hours.Open, zone));
            var to = Min(end, Instant(day, hours.Close, zone));
            total += to > from ? to - from : TimeSpan.Zero;
        }

        return total;
    }

    /// <summary>
    /// The opening and closing moments of the next <paramref name="count"/> open days, starting with
    /// <paramref name="from"/>'s own day (whether or not hours are left in it), skipping closed days and holidays.
    /// </summary>
    public IReadOnlyList<(DateTimeOffset Open, DateTimeOffset Close)> OpenDays(DateTimeOffset from, int count)
    {
        var zone = business.Value.FindZone();
        var holidays = windows.Value.HolidayDates().ToHashSet();
        var days = new List<(DateTimeOffset, DateTimeOffset)>();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        for (var i = 0; i < 366 && days.Count < count; i++, day = day.AddDays(1))
        {
            if (!holidays.Contains(day) && windows.Value.OpeningHours(day.DayOfWeek) is { } hours)
            {
                days.Add((Instant(day, hours.Open, zone), Instant(day, hours.Close, zone)));
            }
        }

        return days;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration, TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, string>? personalHours = null)
    {
        var holidays = windows.Value.HolidayDates().ToHashSet();
        var remaining = duration;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, zone).DateTime);
        for (var i = 0; i < 3660; i++, day = day.AddDays(1))
        {
            var dayHours = personalHours is not null && personalHours.TryGetValue(day.DayOfWeek, out var own)
                ? WeeklyHours.Parse(own)
                : windows.Value.OpeningHours(day.DayOfWeek);
            if (holidays.Contains(day) || dayHours is not { } hours)
            {
                continue;
            }

            var open = Instant(day, hours.Open, zone);
            var close = Instant(day, hours.Close, zone);
            var from = start > open ? start : open;
            if (from >= close)
            {
                continue;
            }

            if (close - from >= remaining)
            {
                return from + remaining;
            }

            remaining -= close - from;
        }

        throw new InvalidOperationException("No opening hours within ten years; check FollowUp:Windows:Hours and Holidays.");
    }

    /// <summary>The moment a local wall-clock time happens; a time skipped by a DST change is taken an hour later.</summary>
    private static DateTimeOffset Instant(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Min() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
