using System.ComponentModel.DataAnnotations;

namespace FollowUp.Core;

/// <summary>Which SMS sender runs: <c>Local</c> (the sink, no credentials) or <c>Twilio</c>.</summary>
internal sealed class SmsOptions
{
    public const string SectionName = "Sms";
    public const string Local = "Local";
    public const string Twilio = "Twilio";

    [RegularExpression("^(Local|Twilio)$", ErrorMessage = "Sms:Provider must be Local or Twilio.")]
    public string Provider { get; set; } = Local;
}
