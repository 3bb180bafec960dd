using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Privacy;

/// <summary>
/// <c>POST /api/staff/erasures</c> (managers): erase a person by phone and/or email; and the daily
/// <c>PurgeExpired</c> timer, which deletes what is past <c>FollowUp:Retention</c>.
/// </summary>
internal sealed class PrivacyFunctions(HttpEdge edge, StaffAuth auth, RetentionPurge purge)
{
    [Function("StaffErase")]
    [ApiOperation("Erase a person by phone and/or email (managers)", ApiCaller.Staff, Body = typeof(ErasureRequest))]
    [ApiResponse(200, typeof(ErasureReport))]
    [ApiProblems(400, 403, 422)]
    public Task<IResult> Erase([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/erasures")] HttpRequest request) =>
        edge.RunAsync(request, PrivacyApi.Erase, auth.RequireStaffAsync);

    [Function("PurgeExpired")]
    public Task Purge([TimerTrigger("%" + TimerOptions.PurgeExpiredSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        purge.PurgeExpiredAsync(cancellationToken);
}
