namespace FollowUp.Core;

internal static class Channels
{
    public const string Sms = "sms";
    public const string Email = "email";
}
