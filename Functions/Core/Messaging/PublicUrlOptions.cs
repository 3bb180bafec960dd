namespace FollowUp.Core;

/// <summary>The address the outside world uses to reach the app.</summary>
internal sealed class PublicUrlOptions
{
    public const string SectionName = "FollowUp";

    /// <summary>
    /// e.g. <c>https://func-followup-abc.azurewebsites.net</c>. Twilio signs the URL it calls, so its
    /// webhooks are verified against this, not the address a proxy forwarded; status callbacks point here.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Where Twilio reports a text's delivery (the webhooks feature serves it).</summary>
    public const string TwilioStatusPath = "/api/twilio/status";

    /// <summary>The public URL of an app path such as <c>/api/twilio/status</c>.</summary>
    public string UrlFor(string path) => (PublicBaseUrl ?? "").TrimEnd('/') + path;

    /// <summary>The callback URL sent with each text; Twilio signs it, so its ids cannot be forged.</summary>
    public string TwilioStatusUrl(string inquiryId, string messageId) =>
        UrlFor($"{TwilioStatusPath}?inquiry={Uri.EscapeDataString(inquiryId)}&message={Uri.EscapeDataString(messageId)}");
}
