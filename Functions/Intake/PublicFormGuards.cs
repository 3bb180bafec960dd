using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace FollowUp.Intake;

/// <summary>
/// The guards of the endpoints browsers post to from other sites: CORS (answering preflight with 204)
/// and a per-client fixed-window rate limit (the client address as the host forwards it).
/// </summary>
internal sealed class PublicFormGuards : IDisposable
{
    private readonly ICorsService _cors;
    private readonly CorsPolicy _policy;
    private readonly PartitionedRateLimiter<HttpContext> _limiter;
    private readonly IProblemDetailsService _problems;

    public PublicFormGuards(ICorsService cors, IOptions<IntakeOptions> options, IProblemDetailsService problems)
    {
        var intake = options.Value;
        _cors = cors;
        _problems = problems;
        _policy = new CorsPolicyBuilder()
            .WithOrigins(intake.AllowedOrigins)
            .WithMethods(HttpMethods.Post)
            .WithHeaders("Content-Type", "Accept")
            .Build();
        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = intake.PermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Adds the CORS headers this origin may see; a preflight ends here with 204.</summary>
    public ValueTask<IResult?> CorsAsync(HttpContext context)
    {
        var result = _cors.EvaluatePolicy(context, _policy);
        _cors.ApplyResult(result, context.Response);
        return ValueTask.FromResult<IResult?>(HttpMethods.IsOptions(context.Request.Method) ? TypedResults.NoContent() : null);
    }

    /// <summary>Refuses a client past its permits for the minute with 429, a problem and <c>Retry-After</c>.</summary>
    public async ValueTask<IResult?> RateLimitAsync(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context);
        return await TooManyRequests.RefuseAsync(context, lease, _problems, TimeSpan.FromMinutes(1), "Too many submissions",
            seconds => $"Too many submissions from this address. Try again in {seconds} seconds.");
    }

    public void Dispose() => _limiter.Dispose();
}
