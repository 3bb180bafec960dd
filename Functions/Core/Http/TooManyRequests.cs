using System.Globalization;
using System.Threading.RateLimiting;

namespace FollowUp.Core;

/// <summary>The one answer to a caller past a rate limit: 429, <c>Retry-After</c> in whole seconds, and a problem saying when to try again.</summary>
internal static class TooManyRequests
{
    /// <summary>Null when <paramref name="lease"/> was granted; else writes the refusal (<paramref name="detail"/> is given the seconds to wait).</summary>
    public static async ValueTask<IResult?> RefuseAsync(
        HttpContext context, RateLimitLease lease, IProblemDetailsService problems, TimeSpan window, string title, Func<int, string> detail)
    {
        if (lease.IsAcquired)
        {
            return null;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = title, Detail = detail(seconds) },
        });
        return Results.Empty;
    }
}
