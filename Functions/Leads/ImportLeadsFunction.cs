using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Leads;

/// <summary>The <c>ImportLeads</c> function: staff upload a trade-show lead list (CSV) to be followed up.</summary>
internal sealed class ImportLeadsFunction(HttpEdge edge, StaffAuth auth)
{
    [Function("ImportLeads")]
    [ApiOperation("Import a lead list: the CSV in file, the event in source; the answer streams as rows are stored", ApiCaller.Staff, Consumes = ["multipart/form-data"])]
    [ApiResponse(200, ContentType = "application/json", Description = "Streamed as rows are stored: {source, fields, ignored, rows, summary}; with Accept: application/x-ndjson, a header line, a line per row, a summary line")]
    [ApiResponse(200, ContentType = LeadImportApi.NdJson)]
    [ApiProblems(400, 403, 413, 415, 422)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "leads/import")] HttpRequest request) =>
        edge.RunAsync(request, LeadImportApi.ImportAsync, auth.RequireStaffAsync);
}
