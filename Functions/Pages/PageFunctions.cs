using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Pages;

/// <summary>The staff page, the embeddable form and the prospect's status page, served by the app itself (no CDN, no storage website).</summary>
internal sealed class PageFunctions(HttpEdge edge, StatusPageGuards statusGuards)
{
    [Function("StaffPage")]
    public Task<IResult> StaffPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/staff/{*path}")] HttpRequest request) =>
        edge.RunAsync(request, PagesApi.StaffPage);

    [Function("FormPage")]
    public Task<IResult> FormPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/form/{*path}")] HttpRequest request) =>
        edge.RunAsync(request, PagesApi.FormPage);

    [Function("StatusPage")]
    public Task<IResult> StatusPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/p/{token}")] HttpRequest request) =>
        edge.RunAsync(request, StatusPageApi.Show);

    [Function("StatusAction")]
    public Task<IResult> StatusAction([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pages/p/{token}/{action}")] HttpRequest request) =>
        edge.RunAsync(request, StatusPageApi.Act, statusGuards.SameOriginAsync, statusGuards.RateLimitAsync);
}
