using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace FollowUp.Core;

/// <summary>The staff directory's seed: <c>FollowUp:Staff</c>, an array of <see cref="StaffMemberOptions"/>.</summary>
internal sealed partial class StaffOptions : IValidatableObject
{
    public const string SectionName = "FollowUp";

    public List<StaffMemberOptions> Staff { get; set; } = [];

    /// <summary>A CSV file of more staff (see <see cref="StaffCsv"/>); relative paths are under the content root.</summary>
    public string? StaffCsv { get; set; }

    /// <summary>
    /// Origins (<c>https://followup.example.com</c>) besides the app's own host name from which a signed-in
    /// browser may change things: a custom domain in front of the app.
    /// </summary>
    public string[] StaffOrigins { get; set; } = [];

    /// <summary>
    /// Whether everyone on staff sees every inquiry, with its phone and email. Off: a person who is not a
    /// manager sees their own inquiries and the unowned ones (which they may claim); managers see all.
    /// </summary>
    public bool StaffSeeEveryInquiry { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var ids = Staff.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < Staff.Count; i++)
        {
            foreach (var problem in Problems(Staff[i], $"FollowUp:Staff:{i}", ids))
            {
                yield return new ValidationResult(problem);
            }
        }

        foreach (var origin in StaffOrigins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.PathAndQuery != "/"))
        {
            yield return new ValidationResult($"FollowUp:StaffOrigins '{origin}' must be a scheme and host only, such as https://followup.example.com.");
        }

        foreach (var duplicate in Staff.GroupBy(s => s.Id).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"FollowUp:Staff has id '{duplicate.Key}' more than once.");
        }
    }

    /// <summary>What is wrong with one member's settings; <paramref name="at"/> names where they came from.</summary>
    public static IEnumerable<string> Problems(StaffMemberOptions member, string at, IReadOnlySet<string> ids)
    {
        var phones = PhoneNumberUtil.GetInstance();
        if (!IdPattern().IsMatch(member.Id))
        {
            yield return $"{at}:Id '{member.Id}' must be 1-32 lowercase letters, digits or dashes.";
        }

        if (string.IsNullOrWhiteSpace(member.Name))
        {
            yield return $"{at}:Name is required.";
        }

        if (member.Mobile is { Length: > 0 } mobile && !IsE164(phones, mobile))
        {
            yield return $"{at}:Mobile must be a valid number in E.164, such as +12125550100.";
        }

        if (member.TimeZone is { Length: > 0 } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            yield return $"{at}:TimeZone '{zone}' is not a known IANA time zone.";
        }

        if (member.BookingUrl is { Length: > 0 } booking && !(Uri.TryCreate(booking, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
        {
            yield return $"{at}:BookingUrl must be an absolute http(s) URL.";
        }

        if (member.Manager is { Length: > 0 } manager && !ids.Contains(manager))
        {
            yield return $"{at}:Manager '{manager}' is not the id of anyone in FollowUp:Staff.";
        }

        foreach (var (day, hours) in member.Hours)
        {
            if (!string.IsNullOrWhiteSpace(hours) && WeeklyHours.Parse(hours) is null)
            {
                yield return $"{at}:Hours:{day} '{hours}' must look like 09:00-17:00, or be empty for a day off.";
            }
        }

        if (member.SignInId is { Length: > 0 } && !ProviderPattern().IsMatch(member.SignInProvider))
        {
            yield return $"{at}:SignInProvider '{member.SignInProvider}' must be an App Service Authentication provider name such as aad.";
        }

        if (UnresolvedSecretValidator.IsUnresolved(member.ApiKey))
        {
            yield return UnresolvedSecretValidator.Problem($"{at}:ApiKey");
        }
        else if (member.ApiKey is { Length: > 0 and < 24 })
        {
            yield return $"{at}:ApiKey must be at least 24 characters; use a random one.";
        }
    }

    private static bool IsE164(PhoneNumberUtil phones, string value)
    {
        try
        {
            var number = phones.Parse(value, null);
            return phones.IsValidNumber(number) && phones.Format(number, PhoneNumberFormat.E164) == value;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex ProviderPattern();
}
