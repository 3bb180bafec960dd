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
    [ApiOperation("Who is signed in, what they may do, and the server's clock", ApiCaller.Staff)]
    [ApiResponse(200, typeof(StaffMe))]
    public Task<IResult> Me([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/me")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.Me, auth.RequireStaffAsync);

    [Function("StaffLoad")]
    [ApiOperation("Each person's open, overdue and lapsed inquiries (managers)", ApiCaller.Staff)]
    [ApiResponse(200, typeof(List<OwnerLoad>))]
    [ApiProblems(403)]
    public Task<IResult> Load([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/load")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.Load, auth.RequireStaffAsync);

    [Function("StaffListInquiries")]
    [ApiOperation("Inquiries, soonest due first", ApiCaller.Staff, Query = ["owner: a staff id, or me", "state: open (default), closed or all"])]
    [ApiResponse(200, typeof(List<InquirySummary>))]
    [ApiProblems(422)]
    public Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Inquiries)] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.ListInquiries, auth.RequireStaffAsync);

    [Function("StaffGetInquiry")]
    [ApiOperation("An inquiry with what the prospect wrote, its timeline and attempts", ApiCaller.Staff)]
    [ApiResponse(200, typeof(InquiryDetail))]
    [ApiProblems(403, 404)]
    public Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Inquiries + "/{id}")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.GetInquiry, auth.RequireStaffAsync);

    [Function("StaffClaim")]
    [ApiOperation("Take the inquiry (yours, unowned, or anyone's for a manager)", ApiCaller.Staff)]
    [ApiResponse(200, typeof(InquirySummary))]
    [ApiProblems(403, 404, 409)]
    public Task<IResult> Claim([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Inquiries + "/{id}/claim")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.Claim, auth.RequireStaffAsync);

    [Function("StaffPass")]
    [ApiOperation("Give the inquiry to the next person on duty", ApiCaller.Staff)]
    [ApiResponse(200, typeof(InquirySummary))]
    [ApiProblems(403, 404, 409)]
    public Task<IResult> Pass([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Inquiries + "/{id}/pass")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.Pass, auth.RequireStaffAsync);

    [Function("StaffLogAttempt")]
    [ApiOperation("Log a contact attempt", ApiCaller.Staff, Body = typeof(AttemptRequest))]
    [ApiResponse(200, typeof(InquirySummary))]
    [ApiProblems(400, 403, 404, 409, 422)]
    public Task<IResult> LogAttempt([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Inquiries + "/{id}/attempts")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.LogAttempt, auth.RequireStaffAsync);

    [Function("StaffClose")]
    [ApiOperation("Close the inquiry with an outcome", ApiCaller.Staff, Body = typeof(CloseRequest))]
    [ApiResponse(200, typeof(InquirySummary))]
    [ApiProblems(400, 403, 404, 409, 422)]
    public Task<IResult> Close([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Inquiries + "/{id}/close")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.Close, auth.RequireStaffAsync);

    [Function("StaffReopen")]
    [ApiOperation("Reopen the inquiry with a new promise", ApiCaller.Staff)]
    [ApiResponse(200, typeof(InquirySummary))]
    [ApiProblems(403, 404, 409)]
    public Task<IResult> Reopen([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Inquiries + "/{id}/reopen")] HttpRequest request) =>
        edge.RunAsync(request, StaffApi.Reopen, auth.RequireStaffAsync);

}
