using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace FollowUp.Hosting.Worker;

/// <summary>
/// Every invocation of a worker that could not start: <c>Health</c> answers 503 with the problems, any
/// other HTTP function 503 pointing there, and queue and timer invocations fail (their messages return).
/// </summary>
internal sealed class RefuseWhileMisconfigured(ConfigurationProblems configuration) : IFunctionsWorkerMiddleware
{
    private const string RetryAfterSeconds = "300";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            throw new InvalidOperationException("FollowUp is not running: its settings need fixing. " + string.Join(" ", configuration.Problems));
        }

        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        if (context.FunctionDefinition.Name == "Health")
        {
            await http.Response.WriteAsJsonAsync(new MisconfiguredHealth("misconfigured", configuration.Problems, TimeProvider.System.GetUtcNow()), context.CancellationToken);
            return;
        }

        await Results.Problem(
            "FollowUp is not running: its settings need fixing (see /api/health). Try again later.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable").ExecuteAsync(http);
    }
}
