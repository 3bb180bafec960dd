namespace FollowUp.Core;

/// <summary>
/// Who may call an HTTP function, as its OpenAPI description says. The function checks it itself (the
/// host lets everyone through), so a caller without the credential gets the problem the check gives:
/// 401 for staff, 403 for a webhook without its provider's signature or key.
/// </summary>
internal enum ApiCaller
{
    /// <summary>Anyone: a browser, a form, a monitor.</summary>
    Anyone,

    /// <summary>Staff, with their API key as a bearer token or signed in through App Service Authentication.</summary>
    Staff,

    /// <summary>Twilio, signing the request with <c>X-Twilio-Signature</c>.</summary>
    Twilio,

    /// <summary>SendGrid's Event Webhook, signing with ECDSA (<c>X-Twilio-Email-Event-Webhook-Signature</c>).</summary>
    SendGridEvents,

    /// <summary>SendGrid Inbound Parse, with the inbound key in the URL (<c>?key=</c>).</summary>
    SendGridInbound,
}
