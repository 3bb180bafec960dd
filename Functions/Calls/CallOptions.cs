using System.ComponentModel.DataAnnotations;

namespace FollowUp.Calls;

/// <summary>Calls to and from the business number (Twilio Voice): who rings, voicemail, the missed-call text-back, urgency, click-to-call.</summary>
internal sealed class CallOptions
{
    public const string SectionName = "FollowUp:Calls";

    /// <summary>Who rings in opening hours: <c>Rotation</c> (the owner rotation's next person) or <c>All</c> (everyone on duty at once).</summary>
    [AllowedValues(Rotation, All)]
    public string Ring { get; set; } = Rotation;

    public const string Rotation = "Rotation";
    public const string All = "All";

    /// <summary>How long staff phones ring before the caller is offered voicemail (keep it shorter than their own voicemail picks up).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:02:00")]
    public TimeSpan RingFor { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>What a caller hears before the beep when nobody answers; <c>{Business}</c> is the business's name.</summary>
    [Required, MaxLength(500)]
    public string VoicemailGreeting { get; set; } = "Thanks for calling {Business}. Sorry we missed you. Please leave a message after the beep, and we will call you back.";

    /// <summary>Calls an hour (UTC clock hours) from one number that ring staff phones; past it a call goes straight to voicemail.</summary>
    [Range(1, 100)]
    public int RingsPerHour { get; set; } = 6;

    /// <summary>The longest voicemail recorded (Twilio transcribes recordings up to 2 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:10:00")]
    public TimeSpan MaxVoicemail { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether a caller nobody answered gets a text at once. Its consent basis is the call itself: the text
    /// answers the caller's own contact on the number they called from (recorded as <c>called-us</c>).
    /// </summary>
    public bool TextBack { get; set; } = true;

    /// <summary>The missed call from one number that makes its inquiry urgent and pages the owner and their manager.</summary>
    [Range(2, 100)]
    public int UrgentAfter { get; set; } = 3;

    /// <summary>The time within which <see cref="UrgentAfter"/> missed calls make an inquiry urgent.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan UrgentWithin { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A click-to-call counts as <c>reached</c> when the prospect's leg lasted at least this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReachedAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The number click-to-call rings from and shows (default <c>Twilio:FromNumber</c>).</summary>
    [RegularExpression(@"^\+[1-9][0-9]{6,14}$")]
    public string? CallerId { get; set; }

    /// <summary>Where a call that is missed comes from (an inquiry's <c>source</c>; staff may list it in their <c>Sources</c>).</summary>
    public const string MissedSource = "missed call";

    /// <summary>Where a call staff answered comes from, when it starts an inquiry.</summary>
    public const string AnsweredSource = "phone call";
}
