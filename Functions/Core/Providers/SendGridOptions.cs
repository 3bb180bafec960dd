namespace FollowUp.Core;

/// <summary>SendGrid v3 credentials and sender.</summary>
internal sealed class SendGridOptions : System.ComponentModel.DataAnnotations.IValidatableObject
{
    /// <summary>The shortest Inbound Parse key accepted: it is the only proof a post comes from SendGrid, so it must not be guessable.</summary>
    public const int MinInboundParseKeyLength = 24;

    public const string SectionName = "SendGrid";

    /// <summary>The <c>custom_args</c> every email carries, which come back on each of its events: its inquiry and its outbox row.</summary>
    public const string InquiryIdArg = "inquiry_id";

    public const string MessageIdArg = "outbox_id";

    public string? ApiKey { get; set; }

    public string? FromEmail { get; set; }

    /// <summary>The Event Webhook's verification key (base64 DER, from the SendGrid console).</summary>
    public string? WebhookPublicKey { get; set; }

    /// <summary>SendGrid validates but does not deliver (for trying a setup).</summary>
    public bool SandboxMode { get; set; }

    /// <summary>
    /// A domain whose mail SendGrid Inbound Parse posts to <c>/api/sendgrid/inbound</c>. When set, every email
    /// to a prospect or referrer carries that person's own Reply-To (<c>r-{token}@{domain}</c>, see
    /// <see cref="ReplyAddresses"/>), so their reply reaches the owner as theirs.
    /// </summary>
    public string? InboundDomain { get; set; }

    /// <summary>The secret in the Inbound Parse URL (<c>?key=…</c>); Inbound Parse posts are not signed, so this is their only proof.</summary>
    public string? InboundParseKey { get; set; }

    /// <summary>
    /// The secret reply addresses are enciphered with (<see cref="ReplyAddresses"/>). Optional: without it they
    /// are derived from <see cref="InboundParseKey"/>, which travels in a URL and whose rotation retires every
    /// reply address already sent; with it, the parse key can be rotated on its own.
    /// </summary>
    public string? ReplyAddressKey { get; set; }

    public string BaseUrl { get; set; } = "https://api.sendgrid.com";

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(InboundDomain) || UnresolvedSecretValidator.IsUnresolved(InboundParseKey))
        {
            yield break;
        }

        if (ReplyAddressKey is { Length: > 0 } replyKey && !UnresolvedSecretValidator.IsUnresolved(replyKey) && replyKey.Trim().Length < MinInboundParseKeyLength)
        {
            yield return new($"SendGrid:ReplyAddressKey, when set, must be a random secret of at least {MinInboundParseKeyLength} characters.", [nameof(ReplyAddressKey)]);
        }

        if ((InboundParseKey?.Trim().Length ?? 0) < MinInboundParseKeyLength)
        {
            yield return new(
                $"SendGrid:InboundDomain is set, so SendGrid:InboundParseKey must be a random secret of at least {MinInboundParseKeyLength} characters " +
                "(e.g. from `openssl rand -base64 32`): it is the only proof that an Inbound Parse post comes from SendGrid.",
                [nameof(InboundParseKey)]);
        }
    }
}
