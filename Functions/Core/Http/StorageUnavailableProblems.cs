using Azure;
using Microsoft.AspNetCore.Diagnostics;

namespace FollowUp.Core;

/// <summary>
/// Storage that stays unreachable or busy after the SDK's own retries is not the caller's mistake and
/// not a bug: the request gets <c>503</c> with <c>Retry-After</c> and a problem saying nothing was kept,
/// so a form or integration can simply post again. Nothing half-done is left that a retry would trip
/// over: intake claims are ignored once their inquiry fails to appear, and the due index tolerates
/// entries whose inquiry was never stored.
/// </summary>
internal sealed class StorageUnavailableProblems(IProblemDetailsService problems, ILogger<StorageUnavailableProblems> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsStorageUnavailable(exception))
        {
            return false;
        }

        // The exception's text can quote stored keys (which hold phone numbers and emails); log its kind only.
        CoreLog.StorageUnavailable(logger, httpContext.Request.Path.Value ?? "/", Describe(exception));
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service temporarily unavailable",
                Detail = $"Storage did not answer, so nothing was kept. Please send the same request again in {RetryAfterSeconds} seconds.",
            },
        });
    }

    /// <summary>
    /// A transport failure, timeout or server-side error from storage, after the SDK's retries. A try that
    /// ran past the storage request timeout ends as a cancellation the caller never asked for; the SDK
    /// retries those and then reports them together.
    /// </summary>
    public static bool IsStorageUnavailable(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or >= 500,
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(inner =>
            inner is RequestFailedException or HttpRequestException or IOException or OperationCanceledException || IsStorageUnavailable(inner)),
        _ => false,
    };

    private static string Describe(Exception exception) => exception switch
    {
        RequestFailedException failed => $"{failed.Status} {failed.ErrorCode}".Trim(),
        AggregateException all => $"{all.InnerExceptions.Count} tries failed, last {all.InnerExceptions[^1].GetType().Name}",
        _ => exception.GetType().Name,
    };
}
