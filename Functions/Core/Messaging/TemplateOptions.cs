namespace FollowUp.Core;

/// <summary>
/// The text of every message, with named placeholders in braces (<c>{FirstName}</c>). Each template may
/// use only the placeholders listed for it; an unknown one fails startup, naming the setting.
/// </summary>
internal sealed class TemplateOptions
{
    public const string SectionName = "FollowUp:Templates";

    public string AcknowledgmentSms { get; set; } =
        "Hi {FirstName}, thanks for contacting {Business}. {Owner} will get back to you by {RespondBy}. Track or change it: {StatusLink} Reply STOP to opt out.";

    public string AcknowledgmentEmailSubject { get; set; } = "We got your message - {Business}";

    public string AcknowledgmentEmailBody { get; set; } =
        "Hi {FirstName},\n\nThanks for contacting {Business}. We received your message, and {Owner} will get back to you by {RespondBy}.\n\nSee where things stand, pick a better time or tell us more: {StatusLink}\n\n{Business}";

    public string ImportAcknowledgmentSms { get; set; } =
        "Hi {FirstName}, it was great to meet you at {Event}! {Owner} from {Business} will be in touch by {RespondBy}. Track or change it: {StatusLink} Reply STOP to opt out.";

    public string ImportAcknowledgmentEmailSubject { get; set; } = "Great to meet you at {Event} - {Business}";

    public string ImportAcknowledgmentEmailBody { get; set; } =
        "Hi {FirstName},\n\nIt was great to meet you at {Event}. {Owner} from {Business} will be in touch by {RespondBy}.\n\nSee where things stand, pick a better time or tell us more: {StatusLink}\n\n{Business}";

    /// <summary>To someone whose call nobody answered (FollowUp:Calls:TextBack), at once.</summary>
    public string MissedCallSms { get; set; } =
        "Sorry we missed your call to {Business}. {Owner} will call you back by {RespondBy}. Reply here to text us, or STOP to opt out.";

    /// <summary>To the owner and their manager when one number's calls keep going unanswered (FollowUp:Calls:UrgentAfter).</summary>
    public string UrgentCallSms { get; set; } =
        "FollowUp {Code} URGENT: {Name} ({Contact}) has called {Count} times in {Minutes} min and nobody answered. Call back now: reply CALL {Code}.";

    /// <summary>To the owner (else the person on duty) when a caller leaves a voicemail; {Text} is the transcript or "no transcript".</summary>
    public string VoicemailSms { get; set; } =
        "{Name} left a voicemail ({Code}, {Seconds} s): {Text} Reply CALL {Code} to call back.";

    public string ReferrerThanksSms { get; set; } =
        "Thank you for referring {ProspectFirstName} to {Business}, {ReferrerFirstName}! We'll reach out to them by {RespondBy} and let you know when we have. Reply STOP to opt out.";

    public string ReferrerThanksEmailSubject { get; set; } = "Thank you for your referral - {Business}";

    public string ReferrerThanksEmailBody { get; set; } =
        "Thank you for referring {ProspectFirstName} to {Business}, {ReferrerFirstName}! We'll reach out to them by {RespondBy} and let you know when we have.";

    /// <summary>To the referrer, when someone first reaches the person they referred.</summary>
    public string ReferrerContactedSms { get; set; } =
        "Good news, {ReferrerFirstName}: {Staff} from {Business} has been in touch with {ProspectFirstName}. Thank you again for the referral! Reply STOP to opt out.";

    public string ReferrerContactedEmailSubject { get; set; } = "{ProspectFirstName} has heard from us - {Business}";

    public string ReferrerContactedEmailBody { get; set; } =
        "Good news, {ReferrerFirstName}: {Staff} from {Business} has been in touch with {ProspectFirstName}. Thank you again for the referral!";

    /// <summary>To the prospect, when the promise slipped (the reminder ladder's "no news" step).</summary>
    public string NoNewsSms { get; set; } =
        "Hi {FirstName}, sorry for the wait: {Owner} hasn't reached you yet. We'll be in touch by {RespondBy}. Reply STOP to opt out.";

    public string NoNewsEmailSubject { get; set; } = "An update from {Business}";

    public string NoNewsEmailBody { get; set; } =
        "Hi {FirstName}, sorry for the wait: {Owner} hasn't reached you yet. We'll be in touch by {RespondBy}.";

    /// <summary>To the owner, before the promised time.</summary>
    public string OwnerReminderSms { get; set; } =
        "FollowUp {Code}: please contact {Name} ({Contact}) by {RespondBy}. Reply CLAIM, DONE or PASS.";

    /// <summary>To the owner, when the promised time has passed.</summary>
    public string OwnerLapsedSms { get; set; } =
        "FollowUp {Code}: {Name} ({Contact}) was promised a reply by {RespondBy} and has not had one.";

    /// <summary>To the owner, after an attempt that did not reach the prospect, until one does.</summary>
    public string OwnerFollowUpSms { get; set; } =
        "FollowUp {Code}: {Name} ({Contact}) has not been reached yet. Please try again; reply DONE {Code} once you reach them.";

    /// <summary>To the owner, when the prospect picked a new time on their status page ({RespondBy} is it).</summary>
    public string OwnerNewTimeSms { get; set; } =
        "FollowUp {Code}: {Name} asked to be called at {RespondBy} instead. Reply CLAIM, DONE or PASS.";

    /// <summary>To the owner, when the prospect said on their status page that they have sorted it.</summary>
    public string OwnerWithdrawnSms { get; set; } =
        "FollowUp {Code}: {Name} says they have sorted it, thanks. Closed as withdrawn; no need to call.";

    /// <summary>To the owner's manager (or the next person on duty), when nobody has acted.</summary>
    public string EscalationSms { get; set; } =
        "FollowUp {Code}: {Owner} has not reached {Name} ({Contact}); the reply was due {RespondBy}.";

    /// <summary>To every manager, once a day, when texts to numbers never texted before reach <c>FollowUp:Sms:NewNumbersPerDay</c>.</summary>
    public string ManagerSmsCapSms { get; set; } =
        "FollowUp: {Count} texts went to new numbers today, the daily cap. The rest wait until {Until}. If that many new inquiries is unexpected, check your forms for abuse.";

    /// <summary>To every manager, once a day, when all texts reach <c>FollowUp:Sms:DailyBudget</c>.</summary>
    public string ManagerSmsBudgetSms { get; set; } =
        "FollowUp: {Count} texts went out today, the daily budget. The rest, reminders included, wait until {Until}. Raise FollowUp:Sms:DailyBudget if that many is expected.";

    /// <summary>To the owner (else the person on duty), when the prospect texts the business number.</summary>
    public string ProspectReplySms { get; set; } =
        "{Name} replied ({Code}): {Text} To answer from the business number, text R {Code} and your answer.";

    /// <summary>To the owner (else the person on duty), when the person who referred the prospect writes in.</summary>
    public string ReferrerReplySms { get; set; } =
        "{Name}, who referred {Prospect} ({Code}), wrote: {Text} (An R answer goes to {Prospect}; answer {Name} from the staff page.)";

    /// <summary>To the owner, once at the end of an hour in which more replies came than FollowUp:Sms:ForwardsPerInquiryPerHour.</summary>
    public string RepliesHeldSms { get; set; } =
        "{Name} ({Code}) sent {Count} more replies this hour; the latest: {Text} All of them are on the staff page.";

    /// <summary>The owner's answer (<c>R {Code} …</c>), relayed to the prospect from the business number.</summary>
    public string RelayedAnswerSms { get; set; } = "{Text} - {Staff}, {Business}";

    /// <summary>The subject of the owner's answer when it goes back by email (the body is <see cref="RelayedAnswerSms"/>).</summary>
    public string RelayedAnswerEmailSubject { get; set; } = "Re: your message to {Business}";

    /// <summary>Added to the owner's reminders while the prospect's reply waits for an answer.</summary>
    public string ReplyWaitingNote { get; set; } = "{Name} replied and waits for your answer: text R {Code} and your answer.";

    /// <summary>To every manager on Monday morning: last week's speed to lead in one text (the email has the whole report).</summary>
    public string WeeklySummarySms { get; set; } =
        "FollowUp, week of {Week}: {Inquiries} inquiries, {Contacted} contacted, median {Median} min to first contact, {InPromise} within the promise, {Lapsed} lapsed. Full report by email.";

    public string WeeklySummaryEmailSubject { get; set; } = "{Business}: speed to lead, week of {Week}";

    /// <summary>Replies to staff SMS commands.</summary>
    public string StaffClaimedReply { get; set; } = "FollowUp {Code}: {Name} is yours.";

    public string StaffPassedReply { get; set; } = "FollowUp {Code}: passed to {Owner}.";

    public string StaffReachedReply { get; set; } = "FollowUp {Code}: logged that you reached {Name}.";

    public string StaffRefusedReply { get; set; } = "FollowUp {Code}: {Reason}";

    /// <summary>To the owner when their <c>R</c> answer is on its way; it names whom it goes to, so a wrong guess shows at once.</summary>
    public string StaffRelayedReply { get; set; } = "FollowUp: sent to {FirstName} ({Code}) {Channel} from the business.";

    /// <summary>The reply to <c>CALL {Code}</c>: the business number rings the staff member's mobile, then the prospect.</summary>
    public string StaffCallingReply { get; set; } = "FollowUp {Code}: calling you now; answer to be put through to {Name}.";

    public string StaffUnknownCodeReply { get; set; } = "FollowUp: no open inquiry has the code {Code}. Nothing was changed.";

    /// <summary>A code that matches more than one open inquiry; {Matches} lists each one's longer code and name.</summary>
    public string StaffAmbiguousCodeReply { get; set; } = "FollowUp: {Code} matches {Matches}. Nothing was changed; send {Command} with the longer code.";

    public string StaffWhichInquiryReply { get; set; } = "FollowUp: which inquiry? Add its code, e.g. {Command} 7K2QXM.";

    public string StaffHelpReply { get; set; } =
        "FollowUp: reply CLAIM <code>, DONE <code> <note>, PASS <code>, R <code> <answer to the prospect> or CALL <code>. Without a code, the last inquiry you were texted about.";
}
