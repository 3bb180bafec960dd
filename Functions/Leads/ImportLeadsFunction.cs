using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Leads;

/// <summary>The <c>ImportLeads</c> function: staff upload a trade-show lead list (CSV) to be followed up.</summary>
internal sealed class ImportLeadsFunction(HttpEdge edge, StaffAuth auth)
{
    [Function("ImportLeads")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "leads/import")] HttpRequest request) =>
        edge.RunAsync(request, LeadImportApi.ImportAsync, auth.RequireStaffAsync);
}
