namespace FollowUp.Core;

/// <summary>
/// Why a text may go to a person, recorded on each outbox row when it is made and checked by the
/// outbound gate as it is sent: a text to a prospect or referrer without one is never sent.
/// </summary>
internal static class SmsConsent
{
    /// <summary>The person ticked "you may text me" on the form (or the import said they had).</summary>
    public const string Given = "given";

    /// <summary>The person texted the business number: answering them by text is a reply, not a new conversation.</summary>
    public const string TextedUs = "texted-us";

    /// <summary>The person called the business number (FollowUp:Calls:TextBack): the missed-call text answers their call.</summary>
    public const string CalledUs = "called-us";

    /// <summary>A staff member, texted at the number they gave for work.</summary>
    public const string Staff = "staff";
}
