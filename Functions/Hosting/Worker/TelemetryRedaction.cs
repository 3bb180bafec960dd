using System.Diagnostics;
using OpenTelemetry;

namespace FollowUp.Hosting.Worker;

/// <summary>
/// Masks phone numbers and email addresses in spans before they are exported. Storage keys hold them
/// (a contact's row is keyed by its number), so a storage call's name and URL would otherwise carry
/// them to Application Insights; logs are masked where they are written, spans here.
/// </summary>
internal sealed class TelemetryRedaction : BaseProcessor<Activity>
{
    public override void OnEnd(Activity activity)
    {
        activity.DisplayName = Mask.InText(activity.DisplayName);
        foreach (var (key, value) in activity.TagObjects.ToList())
        {
            if (value is string text && Mask.InText(text) is var redacted && !ReferenceEquals(redacted, text))
            {
                activity.SetTag(key, redacted);
            }
        }
    }
}
