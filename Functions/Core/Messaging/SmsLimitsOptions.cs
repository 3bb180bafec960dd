using System.ComponentModel.DataAnnotations;
using PhoneNumbers;

namespace FollowUp.Core;

/// <summary>Where texts may go, and how many new numbers a day (<c>FollowUp:Sms</c>): the limits against SMS pumping.</summary>
internal sealed class SmsLimitsOptions : IValidatableObject
{
    public const string SectionName = "FollowUp:Sms";

    /// <summary>Regions (ISO 3166, e.g. <c>US</c>, <c>CA</c>) whose numbers may be texted; empty means the business's own region.</summary>
    public string[] AllowedCountries { get; set; } = [];

    /// <summary>
    /// Texts a day (business-local day) to numbers never texted before. Past it, the rest wait until the next
    /// day and the managers are told, once: a form flooded with strangers' numbers costs a day's cap, not a fortune.
    /// </summary>
    [Range(1, 1_000_000)]
    public int NewNumbersPerDay { get; set; } = 200;

    /// <summary>
    /// Texts a day (business-local) from the business number, to anyone, staff included. Past it, texts wait
    /// for the next day and the managers are told, once: the bill has a ceiling whatever goes wrong.
    /// </summary>
    [Range(1, 10_000_000)]
    public int DailyBudget { get; set; } = 1000;

    /// <summary>Texts an hour to one staff phone. Past it, the rest wait for the next hour: nobody can make the app page a person without end.</summary>
    [Range(1, 1000)]
    public int StaffTextsPerHour { get; set; } = 10;

    /// <summary>
    /// Replies of one inquiry forwarded to its owner in an hour. Past it, the rest are collapsed into one
    /// "N more replies" text at the end of the hour (all of them are on the timeline).
    /// </summary>
    [Range(1, 100)]
    public int ForwardsPerInquiryPerHour { get; set; } = 3;

    /// <summary>
    /// How long after a text to a staff phone a command without a code (<c>R see you at 5</c>) means that
    /// text's inquiry; later, or while a forward about another inquiry is on its way, the app asks which code.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan BareCommandFor { get; set; } = TimeSpan.FromMinutes(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var phones = PhoneNumberUtil.GetInstance();
        foreach (var region in AllowedCountries.Where(r => !phones.GetSupportedRegions().Contains(r)))
        {
            yield return new ValidationResult($"{SectionName}:AllowedCountries '{region}' is not a two-letter region code such as US or GB.", [nameof(AllowedCountries)]);
        }
    }
}
