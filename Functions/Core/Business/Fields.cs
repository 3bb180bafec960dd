namespace FollowUp.Core;

/// <summary>The field names of the HTTP contract, the same in JSON and in form posts.</summary>
internal static class Fields
{
    public const string Name = "name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Message = "message";
    public const string PreferredChannel = "preferredChannel";
    public const string Source = "source";
    public const string TimeZone = "timeZone";
    public const string ConsentToSms = "consentToSms";
    public const string ReferrerName = "referrerName";
    public const string ReferrerEmail = "referrerEmail";
    public const string ReferrerPhone = "referrerPhone";
    public const string ReferrerConsentToSms = "referrerConsentToSms";
}
