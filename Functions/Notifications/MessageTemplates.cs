using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace FollowUp.Notifications;

/// <summary>
/// The text of every message, with named placeholders in braces (<c>{FirstName}</c>). Each template may
/// use only the placeholders listed for it; an unknown one fails startup, naming the setting.
/// </summary>
internal sealed class TemplateOptions
{
    public const string SectionName = "FollowUp:Templates";

    public string AcknowledgmentSms { get; set; } =
        "Hi {FirstName}, thanks for contacting {Business}. {Owner} will get back to you by {RespondBy}. Reply STOP to opt out.";

    public string AcknowledgmentEmailSubject { get; set; } = "We got your message - {Business}";

    public string AcknowledgmentEmailBody { get; set; } =
        "Hi {FirstName},\n\nThanks for contacting {Business}. We received your message, and {Owner} will get back to you by {RespondBy}.\n\n{Business}";

    public string ImportAcknowledgmentSms { get; set; } =
        "Hi {FirstName}, it was great to meet you at {Event}! {Owner} from {Business} will be in touch by {RespondBy}. Reply STOP to opt out.";

    public string ImportAcknowledgmentEmailSubject { get; set; } = "Great to meet you at {Event} - {Business}";

    public string ImportAcknowledgmentEmailBody { get; set; } =
        "Hi {FirstName},\n\nIt was great to meet you at {Event}. {Owner} from {Business} will be in touch by {RespondBy}.\n\n{Business}";

    public string ReferrerThanksSms { get; set; } =
        "Thank you for referring {ProspectFirstName} to {Business}, {ReferrerFirstName}! We'll reach out to them by {RespondBy} and let you know when we have. Reply STOP to opt out.";

    public string ReferrerThanksEmailSubject { get; set; } = "Thank you for your referral - {Business}";

    public string ReferrerThanksEmailBody { get; set; } =
        "Thank you for referring {ProspectFirstName} to {Business}, {ReferrerFirstName}! We'll reach out to them by {RespondBy} and let you know when we have.";
}

/// <summary>Renders templates, and knows which placeholders each one may use.</summary>
internal sealed partial class MessageTemplates(IOptions<TemplateOptions> options)
{
    public static readonly string[] ProspectPlaceholders = ["FirstName", "Name", "Business", "RespondBy", "Owner"];
    public static readonly string[] ImportPlaceholders = [.. ProspectPlaceholders, "Event"];
    public static readonly string[] ReferrerPlaceholders = ["ProspectFirstName", "ReferrerFirstName", "Business", "RespondBy", "Owner"];

    /// <summary>What <c>{Owner}</c> says when nobody is on duty to own the inquiry.</summary>
    public const string NoOwner = "Our team";

    /// <summary>Every template: its setting name, whether it is an SMS, the placeholders it may use, and its text.</summary>
    public static IEnumerable<(string Setting, bool Sms, string[] Allowed, string Text)> All(TemplateOptions t) =>
    [
        ($"{TemplateOptions.SectionName}:{nameof(t.AcknowledgmentSms)}", true, ProspectPlaceholders, t.AcknowledgmentSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.AcknowledgmentEmailSubject)}", false, ProspectPlaceholders, t.AcknowledgmentEmailSubject),
        ($"{TemplateOptions.SectionName}:{nameof(t.AcknowledgmentEmailBody)}", false, ProspectPlaceholders, t.AcknowledgmentEmailBody),
        ($"{TemplateOptions.SectionName}:{nameof(t.ImportAcknowledgmentSms)}", true, ImportPlaceholders, t.ImportAcknowledgmentSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.ImportAcknowledgmentEmailSubject)}", false, ImportPlaceholders, t.ImportAcknowledgmentEmailSubject),
        ($"{TemplateOptions.SectionName}:{nameof(t.ImportAcknowledgmentEmailBody)}", false, ImportPlaceholders, t.ImportAcknowledgmentEmailBody),
        ($"{TemplateOptions.SectionName}:{nameof(t.ReferrerThanksSms)}", true, ReferrerPlaceholders, t.ReferrerThanksSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.ReferrerThanksEmailSubject)}", false, ReferrerPlaceholders, t.ReferrerThanksEmailSubject),
        ($"{TemplateOptions.SectionName}:{nameof(t.ReferrerThanksEmailBody)}", false, ReferrerPlaceholders, t.ReferrerThanksEmailBody),
    ];

    public TemplateOptions Current => options.Value;

    /// <summary>Fills <paramref name="template"/>'s placeholders from <paramref name="values"/>.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, match => values.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value);

    public static IEnumerable<string> PlaceholdersIn(string template) =>
        Placeholder().Matches(template).Select(match => match.Groups[1].Value).Distinct();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>Fails startup when a template is empty or uses a placeholder it cannot have.</summary>
internal sealed class TemplateValidator : IValidateOptions<TemplateOptions>
{
    public ValidateOptionsResult Validate(string? name, TemplateOptions options)
    {
        var failures = new List<string>();
        foreach (var (setting, _, allowed, text) in MessageTemplates.All(options))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                failures.Add($"{setting} is empty.");
                continue;
            }

            foreach (var unknown in MessageTemplates.PlaceholdersIn(text).Where(p => !allowed.Contains(p)))
            {
                failures.Add($"{setting} uses {{{unknown}}}, which it cannot have; it may use {string.Join(", ", allowed.Select(a => "{" + a + "}"))}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
