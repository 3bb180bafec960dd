namespace FollowUp.Core;

/// <summary>One staff member as configured under <c>FollowUp:Staff</c>.</summary>
internal sealed class StaffMemberOptions
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Mobile number in E.164, for reminders.</summary>
    public string? Mobile { get; set; }

    public string? Email { get; set; }

    /// <summary>IANA time zone; the business's when empty.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The id of the person escalations go to.</summary>
    public string? Manager { get; set; }

    /// <summary>The key this person uses for the staff API. Stored only as a hash.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The person's object id at the sign-in provider (for Microsoft Entra ID, the user's Object ID), matched
    /// when App Service Authentication is on. Empty: this person signs in with their API key only.
    /// </summary>
    public string? SignInId { get; set; }

    /// <summary>The App Service Authentication provider <see cref="SignInId"/> belongs to (<c>aad</c>, <c>github</c>, <c>google</c>, …).</summary>
    public string SignInProvider { get; set; } = "aad";

    /// <summary>Whether this person takes new inquiries now.</summary>
    public bool OnDuty { get; set; } = true;

    /// <summary>This person's working hours per day (<c>09:00-17:00</c>, empty for off); the business's hours when not set.</summary>
    public Dictionary<DayOfWeek, string> Hours { get; set; } = [];

    /// <summary>This person's booking page (Cal.com, Calendly): their prospects' status pages offer it as "Book a time".</summary>
    public string? BookingUrl { get; set; }

    /// <summary>Sources this person takes (e.g. "referral"); empty takes every source.</summary>
    public string[] Sources { get; set; } = [];
}
