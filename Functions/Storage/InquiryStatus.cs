namespace FollowUp.Storage;

internal static class InquiryStatus
{
    public const string Open = "open";
    public const string Closed = "closed";

    /// <summary>The outcome when the prospect said on their status page that they have sorted it.</summary>
    public const string Withdrawn = "withdrawn";
}
