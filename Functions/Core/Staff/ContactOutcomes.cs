namespace FollowUp.Core;

/// <summary>The outcomes of a contact attempt, typed in by staff or measured by a call.</summary>
internal static class ContactOutcomes
{
    /// <summary>The one outcome that makes contact.</summary>
    public const string Reached = "reached";

    public const string Voicemail = "voicemail";
    public const string NoAnswer = "no-answer";

    public static readonly string[] All = [Reached, Voicemail, NoAnswer, "emailed", "wrong-number"];
}
