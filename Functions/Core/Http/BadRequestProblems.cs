using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace FollowUp.Core;

/// <summary>
/// A request the framework could not read (a JSON body that does not bind, a body over the size limit)
/// is the client's mistake: it gets a problem with the framework's status (400, 413…) and its message,
/// which names the parameter and never echoes the input, instead of falling through to a 500.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems, ILogger<BadRequestProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        CoreLog.BadRequest(logger, bad.StatusCode, bad.Message);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = ReasonPhrases.GetReasonPhrase(bad.StatusCode), Detail = bad.Message },
        });
    }
}
