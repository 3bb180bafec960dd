namespace FollowUp.Calls;

/// <summary>What became of a call (<see cref="CallEntity.Outcome"/>).</summary>
internal static class CallOutcomes
{
    public const string Missed = "missed";
    public const string Answered = "answered";
    public const string Ringing = "ringing";
}
