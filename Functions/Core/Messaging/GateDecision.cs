namespace FollowUp.Core;

/// <summary>What the outbound gate says of a message: it must never go, or it must wait.</summary>
internal abstract record GateDecision(string Why)
{
    public sealed record Refuse(string Why) : GateDecision(Why);

    public sealed record Hold(DateTimeOffset Until, string Why) : GateDecision(Why);
}
