using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace FollowUp.Notifications;

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

/// <summary>
/// Which numbers may be texted. Premium-rate, shared-cost and similar numbers are refused outright (they
/// are how SMS pumping earns money, and never a prospect's own phone); a landline or a number outside the
/// allowed countries is kept for calling but never texted.
/// </summary>
internal sealed class SmsDestinations(IOptions<SmsLimitsOptions> limits, IOptions<BusinessOptions> business)
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private readonly HashSet<string> _countries = limits.Value.AllowedCountries is { Length: > 0 } listed
        ? new HashSet<string>(listed, StringComparer.OrdinalIgnoreCase)
        : new HashSet<string>([business.Value.DefaultRegion], StringComparer.OrdinalIgnoreCase);

    /// <summary>The countries texts may go to, for messages.</summary>
    public string Countries => string.Join(", ", _countries.Order(StringComparer.Ordinal));

    /// <summary>Why a number (E.164) must not be accepted at all; null when it may be.</summary>
    public static string? Unusable(PhoneNumber number) => Phones.GetNumberType(number) switch
    {
        PhoneNumberType.PREMIUM_RATE => "a premium-rate number",
        PhoneNumberType.SHARED_COST => "a shared-cost number",
        PhoneNumberType.UAN => "a shared company number",
        PhoneNumberType.PERSONAL_NUMBER => "a personal forwarding number",
        PhoneNumberType.PAGER => "a pager number",
        PhoneNumberType.VOICEMAIL => "a voicemail access number",
        _ => null,
    };

    /// <summary>Why a number (E.164) must not be texted; null when it may be.</summary>
    public string? Refusal(string? e164)
    {
        if (e164 is null)
        {
            return null;
        }

        PhoneNumber number;
        try
        {
            number = Phones.Parse(e164, null);
        }
        catch (NumberParseException)
        {
            return "not a valid phone number";
        }

        if (Unusable(number) is { } kind)
        {
            return $"it is {kind}";
        }

        var region = Phones.GetRegionCodeForNumber(number);
        if (region is null || !_countries.Contains(region))
        {
            return $"it is outside the countries texts go to ({Countries})";
        }

        return Phones.GetNumberType(number) is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE or PhoneNumberType.VOIP
            ? null
            : "it is a landline or another kind of number that cannot receive texts";
    }
}
