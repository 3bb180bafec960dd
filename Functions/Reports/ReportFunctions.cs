using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Reports;

/// <summary><c>GET /api/staff/report?from=2026-11-01&amp;to=2026-11-30</c> (managers): the speed-to-lead report, as JSON or CSV.</summary>
internal sealed class ReportFunctions(HttpEdge edge, StaffAuth auth)
{
    [Function("StaffReport")]
    [ApiOperation("The speed-to-lead report (managers), as JSON or CSV", ApiCaller.Staff, Query = ["from: the first day, yyyy-MM-dd (default: six days ago)", "to: the last day, yyyy-MM-dd (default: today); at most 366 days", "format: csv for a CSV download (or Accept: text/csv)"])]
    [ApiResponse(200, typeof(SpeedReport))]
    [ApiResponse(200, ContentType = "text/csv")]
    [ApiProblems(403, 422)]
    public Task<IResult> Report([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/report")] HttpRequest request) =>
        edge.RunAsync(request, ReportApi.Report, auth.RequireStaffAsync);
}
