using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Reports;

/// <summary><c>GET /api/staff/report?from=2026-11-01&amp;to=2026-11-30</c> (managers): the speed-to-lead report, as JSON or CSV.</summary>
internal sealed class ReportFunctions(HttpEdge edge, StaffAuth auth)
{
    [Function("StaffReport")]
    public Task<IResult> Report([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/report")] HttpRequest request) =>
        edge.RunAsync(request, ReportApi.Report, auth.RequireStaffAsync);
}
