namespace FollowUp.Core;

internal static class Channels
{
    public const string Sms = "sms";
    public const string Email = "email";

    /// <summary>The prospect's status page: details they add there come in this way (nothing is sent by it).</summary>
    public const string Page = "page";
}
