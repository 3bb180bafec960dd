namespace FollowUp.Core;

/// <summary>
/// What a phone call does to an inquiry as a contact attempt (implemented by the staff feature, used by calls):
/// an answered call, or the bridge of a click-to-call, is logged like an attempt staff typed in.
/// </summary>
internal interface ICallAttempts
{
    /// <summary>
    /// Logs a <c>phone</c> attempt with <paramref name="outcome"/> by <paramref name="staffId"/> now, with its timeline
    /// entry <paramref name="detail"/>. <paramref name="capped"/> false for a call the prospect made (never refused).
    /// Null when logged, else why not (no such inquiry or staff member, closed, the attempt cap).
    /// </summary>
    Task<string?> LogAsync(string inquiryId, string staffId, string outcome, string detail, bool capped, CancellationToken cancellationToken);

    /// <summary>
    /// Why <paramref name="staffId"/> may not call the inquiry's prospect now, as an HTTP status and reason (404 no such
    /// inquiry, 403 not theirs, 409 closed or the attempt cap), else null.
    /// </summary>
    Task<(int Status, string Reason)?> MayCallAsync(string inquiryId, string staffId, CancellationToken cancellationToken);
}
