using System.ComponentModel.DataAnnotations;

namespace FollowUp.Core;

/// <summary>How the public form endpoints behave.</summary>
internal sealed class IntakeOptions : IValidatableObject
{
    public const string SectionName = "FollowUp:Intake";

    /// <summary>Where a plain HTML form post is redirected (303), with <c>?id=</c> appended. Empty: the built-in page.</summary>
    public string? ThankYouUrl { get; set; }

    /// <summary>A new submission from the same phone or email within this time joins the open inquiry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The largest request body accepted, in bytes.</summary>
    [Range(1024, 1048576)]
    public int MaxBodyBytes { get; set; } = 16384;

    /// <summary>Submissions allowed per client IP per minute.</summary>
    [Range(1, 100000)]
    public int PermitsPerMinute { get; set; } = 10;

    /// <summary>A field people never see or fill; a submission that fills it is dropped as spam.</summary>
    [Required]
    public string HoneypotField { get; set; } = "website";

    /// <summary>Origins allowed to post from a browser script (CORS). Plain form posts need none.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Whether a submission filled the honeypot field (with anything but white space): a bot's.</summary>
    public bool FilledHoneypot(IReadOnlyDictionary<string, string?> fields) =>
        fields.TryGetValue(HoneypotField, out var honeypot) && !string.IsNullOrWhiteSpace(honeypot);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(ThankYouUrl)
            && !ThankYouUrl.StartsWith('/')
            && !(Uri.TryCreate(ThankYouUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new ValidationResult("FollowUp:Intake:ThankYouUrl must be an http(s) URL or a path starting with '/'.", [nameof(ThankYouUrl)]);
        }

        foreach (var origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var parsed) || parsed.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                yield return new ValidationResult($"FollowUp:Intake:AllowedOrigins entry '{origin}' must be an origin such as https://www.example.com.", [nameof(AllowedOrigins)]);
            }
        }
    }
}
