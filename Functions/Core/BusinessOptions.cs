using System.ComponentModel.DataAnnotations;

namespace FollowUp.Core;

/// <summary>The business FollowUp works for: its name in messages, its time zone and phone region.</summary>
internal sealed class BusinessOptions : IValidatableObject
{
    public const string SectionName = "FollowUp:Business";

    /// <summary>The name prospects see in every message. No default: a real business must set it.</summary>
    [Required(ErrorMessage = "FollowUp:Business:Name is required: the business name prospects see in every message.")]
    [StringLength(80)]
    public string Name { get; set; } = "";

    /// <summary>IANA time zone used when a prospect gives none.</summary>
    [Required]
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>ISO 3166 region for phone numbers written without a country code.</summary>
    [Required, RegularExpression("^[A-Z]{2}$", ErrorMessage = "FollowUp:Business:DefaultRegion must be a two-letter region code such as US or GB.")]
    public string DefaultRegion { get; set; } = "US";

    /// <summary>The postal address printed at the foot of every email (CAN-SPAM); required for SendGrid.</summary>
    [StringLength(200)]
    public string? PostalAddress { get; set; }

    /// <summary>The answer to a HELP or INFO text.</summary>
    [StringLength(300)]
    public string HelpText { get; set; } = "Reply STOP to stop texts, START to get them again.";

    /// <summary>The business's time zone. A method, not a property, so configuration binding never evaluates it.</summary>
    public TimeZoneInfo FindZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The business's own date at <paramref name="at"/>, as <c>yyyy-MM-dd</c> (how lapsed promises are counted per day).</summary>
    public string LocalDate(DateTimeOffset at) => LocalDay(at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The business's own date at <paramref name="at"/>.</summary>
    public DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, FindZone()).DateTime);

    /// <summary>The moment the business's <paramref name="day"/> begins (its local midnight).</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, FindZone().GetUtcOffset(midnight));
    }

    /// <summary>The zone a prospect gave, when it is one; else the business's.</summary>
    public TimeZoneInfo ZoneFor(string? declared) =>
        declared is not null && TimeZoneInfo.TryFindSystemTimeZoneById(declared, out var zone) ? zone : FindZone();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"FollowUp:Business:TimeZone '{TimeZone}' is not a known IANA time zone.", [nameof(TimeZone)]);
        }
    }
}
