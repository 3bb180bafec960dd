using System.ComponentModel.DataAnnotations;

namespace FollowUp.Core;

/// <summary>Which email sender runs: <c>Local</c> (the sink, no credentials) or <c>SendGrid</c>.</summary>
internal sealed class EmailOptions
{
    public const string SectionName = "Email";
    public const string Local = "Local";
    public const string SendGrid = "SendGrid";

    [RegularExpression("^(Local|SendGrid)$", ErrorMessage = "Email:Provider must be Local or SendGrid.")]
    public string Provider { get; set; } = Local;
}
