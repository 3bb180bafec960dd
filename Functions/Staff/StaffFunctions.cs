using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Staff;

/// <summary>
/// The staff API under <c>/api/staff</c>. The host lets anyone reach them
/// (<see cref="AuthorizationLevel.Anonymous"/>); the app checks the staff credential itself, before any body is read.
/// </summary>
internal sealed class StaffFunctions(HttpEdge edge, StaffAuth auth)
{
    private const string Inquiries = "staff/inquiries";

    [Function("StaffMe")]
    public Task<IResult> Me([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/me")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.Me, auth.RequireStaffAsync);

    [Function("StaffLoad")]
    public Task<IResult> Load([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/load")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.Load, auth.RequireStaffAsync);

    [Function("StaffListInquiries")]
    public Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Inquiries)] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.ListInquiries, auth.RequireStaffAsync);

    [Function("StaffGetInquiry")]
    public Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Inquiries + "/{id}")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.GetInquiry, auth.RequireStaffAsync);

    [Function("StaffClaim")]
    public Task<IResult> Claim([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Inquiries + "/{id}/claim")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.Claim, auth.RequireStaffAsync);

    [Function("StaffPass")]
    public Task<IResult> Pass([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Inquiries + "/{id}/pass")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.Pass, auth.RequireStaffAsync);

    [Function("StaffLogAttempt")]
    public Task<IResult> LogAttempt([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Inquiries + "/{id}/attempts")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.LogAttempt, auth.RequireStaffAsync);

    [Function("StaffClose")]
    public Task<IResult> Close([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Inquiries + "/{id}/close")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.Close, auth.RequireStaffAsync);

    [Function("StaffReopen")]
    public Task<IResult> Reopen([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Inquiries + "/{id}/reopen")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.Reopen, auth.RequireStaffAsync);

}
