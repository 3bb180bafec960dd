using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace FollowUp.Hosting.Worker;

/// <summary>
/// Masks phone numbers and email addresses in spans before they are exported. Storage keys hold them
/// (a contact's row is keyed by its number), so a storage call's name and URL would otherwise carry
/// them to Application Insights; logs are masked where they are written, spans here.
/// </summary>
internal sealed partial class TelemetryRedaction : BaseProcessor<Activity>
{
    public override void OnEnd(Activity activity)
    {
        activity.DisplayName = Redact(activity.DisplayName);
        foreach (var (key, value) in activity.TagObjects.ToList())
        {
            if (value is string text && Redact(text) is var redacted && !ReferenceEquals(redacted, text))
            {
                activity.SetTag(key, redacted);
            }
        }
    }

    /// <summary>The text with every phone number (<c>+…</c>, plain or URL-encoded) and email address masked.</summary>
    public static string Redact(string text)
    {
        var phones = PhoneNumber().IsMatch(text) ? PhoneNumber().Replace(text, match => Mask.Phone("+" + match.Groups["digits"].Value)) : text;
        return Email().IsMatch(phones) ? Email().Replace(phones, match => Mask.Email(Uri.UnescapeDataString(match.Value))) : phones;
    }

    [GeneratedRegex(@"(?:\+|%2B)(?<digits>\d{7,15})", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+(?:@|%40)[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex Email();
}
