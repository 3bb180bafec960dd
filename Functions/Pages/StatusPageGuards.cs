using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace FollowUp.Pages;

/// <summary>
/// The guards of the status page's actions: the post must come from the page itself (a browser says so in
/// <c>Sec-Fetch-Site</c>, or in <c>Origin</c>), and each link may post <c>FollowUp:StatusPage:ActionsPerHour</c>
/// actions an hour, counted only for links that exist (the handler asks once it has found the link).
/// </summary>
internal sealed class StatusPageGuards : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter;
    private readonly IProblemDetailsService _problems;
    private readonly IOptions<PublicUrlOptions> _urls;

    public StatusPageGuards(IOptions<StatusPageOptions> options, IOptions<PublicUrlOptions> urls, IProblemDetailsService problems)
    {
        _problems = problems;
        _urls = urls;
        var perHour = options.Value.ActionsPerHour;
        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
            StatusLinks.Hash(context.Request.RouteValues["token"] as string ?? ""),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
    }

    /// <summary>Refuses with 403 a post that does not show it came from this app's own pages.</summary>
    public async ValueTask<IResult?> SameOriginAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var site = headers["Sec-Fetch-Site"].ToString();
        var origin = headers.Origin.ToString();
        var own = site.Length > 0 ? site == "same-origin" : origin.Length > 0 && OwnOrigins(context.Request).Contains(origin, StringComparer.OrdinalIgnoreCase);
        return own ? null : await RefuseAsync(context, StatusCodes.Status403Forbidden, "Not from this page", "Actions are taken on the status page itself.");
    }

    /// <summary>Refuses a link past its actions for the hour with 429 and <c>Retry-After</c>.</summary>
    public async ValueTask<IResult?> RateLimitAsync(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context);
        return await TooManyRequests.RefuseAsync(context, lease, _problems, TimeSpan.FromHours(1), "Too many changes",
            seconds => $"Too many changes from this page. Try again in {seconds / 60 + 1} minutes, or call us.");
    }

    private IEnumerable<string> OwnOrigins(HttpRequest request)
    {
        yield return $"{request.Scheme}://{request.Host}";
        if (Uri.TryCreate(_urls.Value.PublicBaseUrl, UriKind.Absolute, out var publicBase))
        {
            yield return publicBase.GetLeftPart(UriPartial.Authority);
        }
    }

    private async Task<IResult> RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await _problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Title = title, Detail = detail } });
        return Results.Empty;
    }

    public void Dispose() => _limiter.Dispose();
}
