
namespace FollowUp.Core;

/// <summary>
/// What stands between a person and each channel: their number texted STOP, their address bounced or
/// complained (their contact rows, or what is left of them after an erasure), or their number may not be
/// texted at all (<see cref="SmsDestinations"/>). Worked out by <see cref="OutboundGate.ReachAsync"/>.
/// </summary>
internal readonly record struct Reachability(bool SmsOptedOut, bool EmailSuppressed, string? SmsRefusal = null)
{
    /// <summary>Why neither channel can reach the prospect, for their timeline.</summary>
    public string WhyNeither(InquiryEntity inquiry)
    {
        var email = inquiry.Email is null ? "no email address" : "their email address is suppressed (bounced, blocked or marked as spam)";
        var sms = inquiry.Phone is null || !inquiry.ConsentToSms ? "no consent to SMS"
            : SmsOptedOut ? "their number texted STOP"
            : $"their number cannot be texted ({SmsRefusal})";
        return $"{email}, and {sms}";
    }
}
