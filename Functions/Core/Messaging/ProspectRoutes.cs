
namespace FollowUp.Core;

/// <summary>Which channel reaches a prospect, and on what consent a text may go to them.</summary>
internal static class ProspectRoutes
{
    /// <summary>
    /// For the acknowledgment and "no news": the prospect's preferred channel when it can be used, else whichever
    /// can. A text needs a number, their consent and no STOP from it; email needs an address that has not bounced.
    /// </summary>
    public static string? Channel(InquiryEntity inquiry, Reachability reach = default) =>
        Channel(inquiry.Phone, inquiry.Email, inquiry.ConsentToSms, inquiry.PreferredChannel, reach);

    /// <inheritdoc cref="Channel(InquiryEntity, Reachability)"/>
    public static string? Channel(string? phone, string? email, bool consentToSms, string? preferred, Reachability reach = default)
    {
        var smsAllowed = phone is not null && consentToSms && !reach.SmsOptedOut && reach.SmsRefusal is null;
        var emailAllowed = email is not null && !reach.EmailSuppressed;
        return preferred switch
        {
            Channels.Sms when smsAllowed => Channels.Sms,
            _ when emailAllowed => Channels.Email,
            _ when smsAllowed => Channels.Sms,
            _ => null,
        };
    }

    /// <summary>
    /// For an owner's answer: back the way the prospect last wrote (a text answers a text: they started it),
    /// else by text when they agreed to texts, else by email. Null when there is no way, with why.
    /// </summary>
    public static (string? Channel, string? Consent, string? WhyNot) Answer(InquiryEntity inquiry, Reachability reach)
    {
        string? smsConsent = inquiry.Phone is null ? null
            : inquiry.LastReplyChannel == Channels.Sms ? SmsConsent.TextedUs
            : inquiry.ConsentToSms ? SmsConsent.Given
            : null;
        var smsOpen = smsConsent is not null && !reach.SmsOptedOut && reach.SmsRefusal is null;
        var emailOpen = inquiry.Email is not null && !reach.EmailSuppressed;
        var bySms = smsOpen && (inquiry.LastReplyChannel == Channels.Sms || inquiry.LastReplyChannel is null || !emailOpen);
        if (bySms)
        {
            return (Channels.Sms, smsConsent, null);
        }

        if (emailOpen)
        {
            return (Channels.Email, null, null);
        }

        var why = smsConsent is not null && reach.SmsOptedOut ? $"{inquiry.Name} texted STOP, so no text can go to them; call or email instead."
            : smsConsent is not null && reach.SmsRefusal is { } refusal ? $"{inquiry.Name}'s number cannot be texted ({refusal}); call them instead."
            : inquiry.Phone is not null && inquiry.Email is null ? $"{inquiry.Name} did not agree to texts and gave no email address; call them instead."
            : inquiry.Email is not null ? $"{inquiry.Name}'s email address is suppressed (it bounced or was marked as spam); call them instead."
            : $"{inquiry.Name} gave no phone number or email address to answer.";
        return (null, null, why);
    }
}
