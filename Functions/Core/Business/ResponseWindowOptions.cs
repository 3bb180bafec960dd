using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace FollowUp.Core;

/// <summary>
/// How soon the business promises to respond, by kind of inquiry, counted in business hours: the weekly
/// opening hours below, in the business's time zone, skipping holidays.
/// </summary>
internal sealed class ResponseWindowOptions : IValidatableObject
{
    public const string SectionName = "FollowUp:Windows";

    /// <summary>Web forms and landing pages.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan WebForm { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Referred prospects.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Referral { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Leads imported from a list (trade shows, events); ten hours is one business day at the default hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Import { get; set; } = TimeSpan.FromHours(10);

    /// <summary>Opening hours per day, <c>08:00-18:00</c>; empty means closed that day.</summary>
    public Dictionary<DayOfWeek, string> Hours { get; set; } = new()
    {
        [DayOfWeek.Monday] = "08:00-18:00",
        [DayOfWeek.Tuesday] = "08:00-18:00",
        [DayOfWeek.Wednesday] = "08:00-18:00",
        [DayOfWeek.Thursday] = "08:00-18:00",
        [DayOfWeek.Friday] = "08:00-18:00",
        [DayOfWeek.Saturday] = "",
        [DayOfWeek.Sunday] = "",
    };

    /// <summary>Days the business is closed, as <c>yyyy-MM-dd</c>.</summary>
    public string[] Holidays { get; set; } = [];

    /// <summary>The opening hours of a day of the week, or null when closed.</summary>
    public (TimeOnly Open, TimeOnly Close)? OpeningHours(DayOfWeek day) =>
        Hours.TryGetValue(day, out var text) ? WeeklyHours.Parse(text) : null;

    public IEnumerable<DateOnly> HolidayDates() =>
        Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (day, text) in Hours)
        {
            if (!string.IsNullOrWhiteSpace(text) && WeeklyHours.Parse(text) is null)
            {
                yield return new ValidationResult($"{SectionName}:Hours:{day} '{text}' must look like 08:00-18:00, or be empty for closed.");
            }
        }

        foreach (var holiday in Holidays)
        {
            if (!DateOnly.TryParseExact(holiday, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                yield return new ValidationResult($"{SectionName}:Holidays entry '{holiday}' must be a date such as 2026-12-25.");
            }
        }

        if (!Enum.GetValues<DayOfWeek>().Any(day => OpeningHours(day) is not null))
        {
            yield return new ValidationResult($"{SectionName}:Hours must open on at least one day.");
        }
    }
}
