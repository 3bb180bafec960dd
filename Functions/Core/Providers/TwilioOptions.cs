namespace FollowUp.Core;

/// <summary>Twilio Programmable Messaging credentials and sender (environment form <c>Twilio__AuthToken</c>).</summary>
internal sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <summary>The named HTTP client every Twilio REST call goes through (texts and calls), with <see cref="TwilioBaseUrlHandler"/>.</summary>
    public const string HttpClientName = "twilio";

    public string? AccountSid { get; set; }

    /// <summary>Authenticates API calls (unless an API key is set) and signs Twilio's webhooks.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Optional API key (SK…) used instead of the auth token for API calls.</summary>
    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    public string? FromNumber { get; set; }

    public string? MessagingServiceSid { get; set; }

    public string BaseUrl { get; set; } = "https://api.twilio.com";
}
