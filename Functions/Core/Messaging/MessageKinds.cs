namespace FollowUp.Core;

internal static class MessageKinds
{
    public const string Acknowledgment = "acknowledgment";
    public const string ReferrerThanks = "referrer-thanks";
    public const string OwnerReminder = "owner-reminder";
    public const string OwnerLapsed = "owner-lapsed";
    public const string Escalation = "escalation";
    public const string OwnerFollowUp = "owner-follow-up";
    public const string NoNews = "no-news";
    public const string ReferrerUpdate = "referrer-update";
    public const string SmsCapReached = "sms-cap-reached";
    public const string ProspectReply = "prospect-reply";
    public const string RelayedAnswer = "relayed-answer";
    public const string WeeklySummary = "weekly-summary";
    public const string UrgentCall = "urgent-call";
    public const string Voicemail = "voicemail";

    /// <summary>To the owner: the prospect moved the time or withdrew on their status page.</summary>
    public const string ProspectUpdate = "prospect-update";

    /// <summary>Which party of the inquiry a message goes to (their replies come back to their own address); null for staff and managers.</summary>
    public static Party? PartyOf(string kind) => kind switch
    {
        Acknowledgment or NoNews or RelayedAnswer => Party.Prospect,
        ReferrerThanks or ReferrerUpdate => Party.Referrer,
        _ => null,
    };

    /// <summary>Messages to staff rather than prospects: they follow business hours in the staff member's zone.</summary>
    public static bool IsForStaff(string kind) => IsAboutInquiry(kind) || kind is SmsCapReached or WeeklySummary;

    /// <summary>Texts to staff about one inquiry: after one, a staff command without a code means that inquiry.</summary>
    public static bool IsAboutInquiry(string kind) => kind is OwnerReminder or OwnerLapsed or Escalation or OwnerFollowUp or ProspectReply or UrgentCall or Voicemail or ProspectUpdate;

    /// <summary>How a message of this kind is named on the timeline.</summary>
    public static string Describe(string kind) => kind switch
    {
        Acknowledgment => "Acknowledgment",
        ReferrerThanks => "Referrer thank-you",
        OwnerReminder => "Owner reminder",
        OwnerLapsed => "Lapse notice to the owner",
        OwnerFollowUp => "Follow-up reminder to the owner",
        Escalation => "Escalation",
        NoNews => "No-news update",
        ReferrerUpdate => "Update to the referrer",
        SmsCapReached => "Notice of the daily cap to a manager",
        ProspectReply => "A reply, forwarded to the owner",
        RelayedAnswer => "The owner's answer, to the prospect",
        UrgentCall => "Urgent page about repeated missed calls",
        Voicemail => "A voicemail, forwarded to the owner",
        ProspectUpdate => "The prospect's change on their status page, to the owner",
        _ => kind,
    };
}
