using Microsoft.Extensions.Options;

namespace FollowUp.Core;

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
