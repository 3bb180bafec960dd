using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace FollowUp.Core;

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

    /// <summary>Why a number given as E.164 text must not be accepted, called or texted at all; null when it may be.</summary>
    public static string? Unusable(string e164)
    {
        try
        {
            return Unusable(Phones.Parse(e164, null));
        }
        catch (NumberParseException)
        {
            return "not a valid phone number";
        }
    }

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
