using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace FollowUp.Pages;

/// <summary>
/// The static pages under <c>wwwroot</c>: the staff page at <c>/api/pages/staff/</c> (function <c>StaffPage</c>)
/// and the embeddable contact form with its example page at <c>/api/pages/form/</c> (function <c>FormPage</c>).
/// They are functions rather than static-file middleware so that the Functions host, which forwards only
/// routes it has a function for, serves exactly the same URLs.
/// </summary>
internal static class PagesApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public const string Root = "/api/pages";

    /// <summary>The folder the pages are read from: <c>wwwroot</c> beside the app, in both modes.</summary>
    public static readonly string WebRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    private static readonly PhysicalFileProvider Files = new(WebRoot);

    public static IResult StaffPage(string? path, HttpContext http) => Serve("staff", path, http, framable: false);

    public static IResult FormPage(string? path, HttpContext http) => Serve("form", path, http, framable: true);

    private static IResult Serve(string folder, string? path, HttpContext http, bool framable)
    {
        var relative = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (string.IsNullOrEmpty(path) && !http.Request.Path.Value!.EndsWith('/'))
        {
            // Relative links on the page resolve against the folder only with the trailing slash.
            return TypedResults.Redirect($"{Root}/{folder}/");
        }

        var file = relative.Contains("..", StringComparison.Ordinal) ? null : Files.GetFileInfo($"{folder}/{relative}");
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
            : "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; media-src 'self' blob:";
        var tag = new EntityTagHeaderValue($"\"{file.LastModified.UtcTicks:x}-{file.Length:x}\"");
        return TypedResults.PhysicalFile(physical, contentType + (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal) ? "; charset=utf-8" : ""),
            lastModified: file.LastModified, entityTag: tag);
    }
}
