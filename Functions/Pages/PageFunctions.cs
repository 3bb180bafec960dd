using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Pages;

/// <summary>The staff page and the embeddable form, served by the app itself (no CDN, no storage website).</summary>
internal sealed class PageFunctions(HttpEdge edge)
{
    [Function("StaffPage")]
    public Task<IResult> StaffPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/staff/{*path}")] HttpRequest request) =>
        edge.RunAsync(request, PagesApi.StaffPage);

    [Function("FormPage")]
    public Task<IResult> FormPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/form/{*path}")] HttpRequest request) =>
        edge.RunAsync(request, PagesApi.FormPage);
}
