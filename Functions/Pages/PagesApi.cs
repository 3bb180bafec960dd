using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace FollowUp.Pages;

/// <summary>
/// The static pages under <c>wwwroot</c>: the staff page at <c>/staff</c> (function <c>StaffPage</c>) and
/// the embeddable contact form with its example page at <c>/form</c> (function <c>FormPage</c>). They are
/// endpoints rather than static-file middleware so that the Functions host, which forwards only routes
/// it has a function for, serves exactly the same URLs.
/// </summary>
internal static class PagesApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/staff/{*path}", (string? path, HttpContext http, IWebHostEnvironment env) => Serve("staff", path, http, env, framable: false))
            .WithName("StaffPage").ExcludeFromDescription();
        endpoints.MapGet("/form/{*path}", (string? path, HttpContext http, IWebHostEnvironment env) => Serve("form", path, http, env, framable: true))
            .WithName("FormPage").ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Serve(string folder, string? path, HttpContext http, IWebHostEnvironment env, bool framable)
    {
        var relative = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (string.IsNullOrEmpty(path) && !http.Request.Path.Value!.EndsWith('/'))
        {
            // Relative links on the page resolve against the folder only with the trailing slash.
            return TypedResults.Redirect($"/{folder}/");
        }

        var file = relative.Contains("..", StringComparison.Ordinal) ? null : env.WebRootFileProvider.GetFileInfo($"{folder}/{relative}");
        if (file is not { Exists: true, IsDirectory: false, PhysicalPath: { } physical } || !ContentTypes.TryGetContentType(relative, out var contentType))
        {
            return TypedResults.Problem($"No page /{folder}/{relative}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = framable
            ? "default-src 'self'; base-uri 'none'"
            : "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        var tag = new EntityTagHeaderValue($"\"{file.LastModified.UtcTicks:x}-{file.Length:x}\"");
        return TypedResults.PhysicalFile(physical, contentType + (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal) ? "; charset=utf-8" : ""),
            lastModified: file.LastModified, entityTag: tag);
    }
}
