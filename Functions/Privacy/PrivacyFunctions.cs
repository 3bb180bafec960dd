using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Privacy;

/// <summary>
/// <c>POST /api/staff/erasures</c> (managers): erase a person by phone and/or email; and the daily
/// <c>PurgeExpired</c> timer, which deletes what is past <c>FollowUp:Retention</c>.
/// </summary>
internal sealed class PrivacyFunctions(HttpEdge edge, StaffAuth auth, RetentionPurge purge)
{
    [Function("StaffErase")]
    public Task<IResult> Erase([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/erasures")] HttpRequest request) =>
        edge.RunAsync(request, PrivacyApi.Erase, auth.RequireStaffAsync);

    [Function("PurgeExpired")]
    public Task Purge([TimerTrigger("%" + TimerOptions.PurgeExpiredSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        purge.PurgeExpiredAsync(cancellationToken);
}
