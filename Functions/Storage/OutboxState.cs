namespace FollowUp.Storage;

internal static class OutboxState
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Deferred = "deferred";
    public const string Suppressed = "suppressed";

    /// <summary>States in which the row is finished: nothing will ever send it.</summary>
    public static bool IsFinal(string state) => state is Sent or Failed or Suppressed;
}
