using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FollowUp.Notifications;

/// <summary>
/// Sorts a provider call's exception: was the request certainly not delivered (safe to retry), or
/// might the provider have it (ambiguous: look before sending again)?
/// </summary>
internal static class TransportFailures
{
    public static SendOutcome? Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        _ when cancellationToken.IsCancellationRequested => null,
        BrokenCircuitException => new SendOutcome.Transient("circuit-open", "The provider failed repeatedly; calls are paused."),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } e =>
            new SendOutcome.Transient("no-connection", e.HttpRequestError.ToString()),
        HttpRequestException e => new SendOutcome.Ambiguous(e.HttpRequestError.ToString()),
        TimeoutRejectedException or TaskCanceledException or TimeoutException => new SendOutcome.Ambiguous("timeout"),
        _ => null,
    };

    /// <summary>The wait a 429 or 503 asks for, from Retry-After (seconds or a date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time) => RetryAfter(response.Headers, time);

    /// <inheritdoc cref="RetryAfter(HttpResponseMessage, TimeProvider)"/>
    public static TimeSpan? RetryAfter(System.Net.Http.Headers.HttpResponseHeaders headers, TimeProvider time) =>
        headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };
}
