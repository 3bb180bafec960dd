namespace FollowUp.Storage;

internal static class InquiryStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
}
