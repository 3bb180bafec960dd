using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>Renders templates, and knows which placeholders each one may use.</summary>
internal sealed partial class MessageTemplates(IOptions<TemplateOptions> options)
{
    public static readonly string[] ProspectPlaceholders = ["FirstName", "Name", "Business", "RespondBy", "Owner"];
    /// <summary>The acknowledgment's: the prospect's, and their status link (made only then: storage keeps only its hash).</summary>
    public static readonly string[] AcknowledgmentPlaceholders = [.. ProspectPlaceholders, "StatusLink"];
    public static readonly string[] ImportPlaceholders = [.. AcknowledgmentPlaceholders, "Event"];
    public static readonly string[] ReferrerPlaceholders = ["ProspectFirstName", "ReferrerFirstName", "Business", "RespondBy", "Owner"];
    public static readonly string[] ReferrerContactedPlaceholders = ["ProspectFirstName", "ReferrerFirstName", "Business", "Staff"];
    public static readonly string[] StaffPlaceholders = ["Code", "Name", "Contact", "RespondBy", "Owner", "Business"];
    public static readonly string[] SmsCapPlaceholders = ["Count", "Until", "Business"];
    public static readonly string[] WeeklyPlaceholders = ["Week", "Inquiries", "Contacted", "Median", "InPromise", "Lapsed", "Business"];
    public static readonly string[] ProspectReplyPlaceholders = ["Name", "Code", "Text", "Business"];
    public static readonly string[] ReferrerReplyPlaceholders = ["Name", "Prospect", "Code", "Text", "Business"];
    public static readonly string[] RepliesHeldPlaceholders = ["Name", "Code", "Count", "Text", "Business"];
    public static readonly string[] RelayedAnswerPlaceholders = ["Text", "Staff", "Business"];
    public static readonly string[] UrgentCallPlaceholders = ["Code", "Name", "Contact", "Count", "Minutes", "Business"];
    public static readonly string[] VoicemailPlaceholders = ["Name", "Code", "Seconds", "Text", "Business"];
    public static readonly string[] StaffReplyPlaceholders = ["Code", "Name", "FirstName", "Owner", "Reason", "Command", "Matches", "Channel"];

    /// <summary>What <c>{Owner}</c> says when nobody is on duty to own the inquiry.</summary>
    public const string NoOwner = "Our team";

    /// <summary>Every template: its setting name, whether it is an SMS, the placeholders it may use, and its text.</summary>
    public static IEnumerable<(string Setting, bool Sms, string[] Allowed, string Text)> All(TemplateOptions t) =>
    [
        ($"{TemplateOptions.SectionName}:{nameof(t.AcknowledgmentSms)}", true, AcknowledgmentPlaceholders, t.AcknowledgmentSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.AcknowledgmentEmailSubject)}", false, AcknowledgmentPlaceholders, t.AcknowledgmentEmailSubject),
        ($"{TemplateOptions.SectionName}:{nameof(t.AcknowledgmentEmailBody)}", false, AcknowledgmentPlaceholders, t.AcknowledgmentEmailBody),
        ($"{TemplateOptions.SectionName}:{nameof(t.ImportAcknowledgmentSms)}", true, ImportPlaceholders, t.ImportAcknowledgmentSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.ImportAcknowledgmentEmailSubject)}", false, ImportPlaceholders, t.ImportAcknowledgmentEmailSubject),
        ($"{TemplateOptions.SectionName}:{nameof(t.ImportAcknowledgmentEmailBody)}", false, ImportPlaceholders, t.ImportAcknowledgmentEmailBody),
        ($"{TemplateOptions.SectionName}:{nameof(t.MissedCallSms)}", true, ProspectPlaceholders, t.MissedCallSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.UrgentCallSms)}", true, UrgentCallPlaceholders, t.UrgentCallSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.VoicemailSms)}", true, VoicemailPlaceholders, t.VoicemailSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.ReferrerThanksSms)}", true, ReferrerPlaceholders, t.ReferrerThanksSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.ReferrerThanksEmailSubject)}", false, ReferrerPlaceholders, t.ReferrerThanksEmailSubject),
        ($"{TemplateOptions.SectionName}:{nameof(t.ReferrerThanksEmailBody)}", false, ReferrerPlaceholders, t.ReferrerThanksEmailBody),
        ($"{TemplateOptions.SectionName}:{nameof(t.ReferrerContactedSms)}", true, ReferrerContactedPlaceholders, t.ReferrerContactedSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.ReferrerContactedEmailSubject)}", false, ReferrerContactedPlaceholders, t.ReferrerContactedEmailSubject),
        ($"{TemplateOptions.SectionName}:{nameof(t.ReferrerContactedEmailBody)}", false, ReferrerContactedPlaceholders, t.ReferrerContactedEmailBody),
        ($"{TemplateOptions.SectionName}:{nameof(t.NoNewsSms)}", true, ProspectPlaceholders, t.NoNewsSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.NoNewsEmailSubject)}", false, ProspectPlaceholders, t.NoNewsEmailSubject),
        ($"{TemplateOptions.SectionName}:{nameof(t.NoNewsEmailBody)}", false, ProspectPlaceholders, t.NoNewsEmailBody),
        ($"{TemplateOptions.SectionName}:{nameof(t.OwnerReminderSms)}", true, StaffPlaceholders, t.OwnerReminderSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.OwnerLapsedSms)}", true, StaffPlaceholders, t.OwnerLapsedSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.OwnerFollowUpSms)}", true, StaffPlaceholders, t.OwnerFollowUpSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.OwnerNewTimeSms)}", true, StaffPlaceholders, t.OwnerNewTimeSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.OwnerWithdrawnSms)}", true, StaffPlaceholders, t.OwnerWithdrawnSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.EscalationSms)}", true, StaffPlaceholders, t.EscalationSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.ManagerSmsCapSms)}", true, SmsCapPlaceholders, t.ManagerSmsCapSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.ManagerSmsBudgetSms)}", true, SmsCapPlaceholders, t.ManagerSmsBudgetSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.WeeklySummarySms)}", true, WeeklyPlaceholders, t.WeeklySummarySms),
        ($"{TemplateOptions.SectionName}:{nameof(t.WeeklySummaryEmailSubject)}", false, WeeklyPlaceholders, t.WeeklySummaryEmailSubject),
        ($"{TemplateOptions.SectionName}:{nameof(t.ProspectReplySms)}", true, ProspectReplyPlaceholders, t.ProspectReplySms),
        ($"{TemplateOptions.SectionName}:{nameof(t.ReferrerReplySms)}", true, ReferrerReplyPlaceholders, t.ReferrerReplySms),
        ($"{TemplateOptions.SectionName}:{nameof(t.RepliesHeldSms)}", true, RepliesHeldPlaceholders, t.RepliesHeldSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.RelayedAnswerSms)}", true, RelayedAnswerPlaceholders, t.RelayedAnswerSms),
        ($"{TemplateOptions.SectionName}:{nameof(t.RelayedAnswerEmailSubject)}", false, RelayedAnswerPlaceholders, t.RelayedAnswerEmailSubject),
        ($"{TemplateOptions.SectionName}:{nameof(t.ReplyWaitingNote)}", true, ProspectReplyPlaceholders, t.ReplyWaitingNote),
        ($"{TemplateOptions.SectionName}:{nameof(t.StaffClaimedReply)}", true, StaffReplyPlaceholders, t.StaffClaimedReply),
        ($"{TemplateOptions.SectionName}:{nameof(t.StaffPassedReply)}", true, StaffReplyPlaceholders, t.StaffPassedReply),
        ($"{TemplateOptions.SectionName}:{nameof(t.StaffReachedReply)}", true, StaffReplyPlaceholders, t.StaffReachedReply),
        ($"{TemplateOptions.SectionName}:{nameof(t.StaffRefusedReply)}", true, StaffReplyPlaceholders, t.StaffRefusedReply),
        ($"{TemplateOptions.SectionName}:{nameof(t.StaffRelayedReply)}", true, StaffReplyPlaceholders, t.StaffRelayedReply),
        ($"{TemplateOptions.SectionName}:{nameof(t.StaffCallingReply)}", true, StaffReplyPlaceholders, t.StaffCallingReply),
        ($"{TemplateOptions.SectionName}:{nameof(t.StaffUnknownCodeReply)}", true, StaffReplyPlaceholders, t.StaffUnknownCodeReply),
        ($"{TemplateOptions.SectionName}:{nameof(t.StaffAmbiguousCodeReply)}", true, StaffReplyPlaceholders, t.StaffAmbiguousCodeReply),
        ($"{TemplateOptions.SectionName}:{nameof(t.StaffWhichInquiryReply)}", true, StaffReplyPlaceholders, t.StaffWhichInquiryReply),
        ($"{TemplateOptions.SectionName}:{nameof(t.StaffHelpReply)}", true, StaffReplyPlaceholders, t.StaffHelpReply),
    ];

    public TemplateOptions Current => options.Value;

    /// <summary>Renders <paramref name="template"/> with placeholder values given as pairs, e.g. <c>("Code", "7K2Q")</c>.</summary>
    public static string Render(string template, params (string Name, string Value)[] values) =>
        Render(template, values.ToDictionary(v => v.Name, v => v.Value));

    /// <summary>Fills <paramref name="template"/>'s placeholders from <paramref name="values"/>.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, match => values.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value);

    public static IEnumerable<string> PlaceholdersIn(string template) =>
        Placeholder().Matches(template).Select(match => match.Groups[1].Value).Distinct();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
