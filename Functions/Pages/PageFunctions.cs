using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Pages;

/// <summary>The staff page and the embeddable form, served by the app itself (no CDN, no storage website).</summary>
internal sealed class PageFunctions(HttpEdge edge)
{
    [Function("StaffPage")]
    [ApiOperation("The staff page (HTML, CSS, JS)")]
    [ApiResponse(200, ContentType = "text/html")]
    [ApiResponse(302, Description = "To the folder with its trailing slash")]
    [ApiProblems(404)]
    public Task<IResult> StaffPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/staff/{*path}")] HttpRequest request) =>
        edge.RunAsync(request, PagesApi.StaffPage);

    [Function("FormPage")]
    [ApiOperation("The embeddable contact form: its snippet, script and example page")]
    [ApiResponse(200, ContentType = "text/html")]
    [ApiResponse(302, Description = "To the folder with its trailing slash")]
    [ApiProblems(404)]
    public Task<IResult> FormPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/form/{*path}")] HttpRequest request) =>
        edge.RunAsync(request, PagesApi.FormPage);
}
