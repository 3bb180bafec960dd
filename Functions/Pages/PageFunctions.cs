using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Pages;

/// <summary>The staff page, the embeddable form and the prospect's status page, served by the app itself (no CDN, no storage website).</summary>
internal sealed class PageFunctions(HttpEdge edge, StatusPageGuards statusGuards)
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

    [Function("StatusPage")]
    [ApiOperation("A prospect's status page: who will contact them, by when, and what has happened", Query = ["done: the action just taken"])]
    [ApiResponse(200, ContentType = "text/html", Description = "the page")]
    [ApiProblems(404, 410)]
    public Task<IResult> StatusPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/p/{token}")] HttpRequest request) =>
        edge.RunAsync(request, StatusPageApi.Show);

    [Function("StatusAction")]
    [ApiOperation("A prospect's action from their status page: better-time, detail or sorted", Consumes = ["application/x-www-form-urlencoded"])]
    [ApiResponse(303, Description = "back to the page")]
    [ApiProblems(400, 403, 404, 410, 413, 415, 422, 429)]
    public Task<IResult> StatusAction([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pages/p/{token}/{action}")] HttpRequest request) =>
        edge.RunAsync(request, StatusPageApi.Act, statusGuards.SameOriginAsync);
}
