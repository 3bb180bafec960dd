using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Diagnostics;

namespace FollowUp.Core;

/// <summary>
/// A check an HTTP function runs before its handler (CORS, rate limit, staff key, webhook signature).
/// It answers with a result to refuse the request, or null to let it through.
/// </summary>
internal delegate ValueTask<IResult?> EdgeGuard(HttpContext context);

/// <summary>
/// What every HTTP function does around its handler, in both modes. The worker's ASP.NET Core pipeline
/// runs no middleware of ours, so each <c>[Function]</c> calls <see cref="RunAsync"/>: its guards first,
/// then the handler bound exactly as a minimal API endpoint would be (route values, query, JSON body,
/// services), and every refusal (a body that does not bind, storage that does not answer) becomes the
/// same problem response whichever mode runs it.
/// </summary>
internal sealed class HttpEdge(IServiceProvider services, IEnumerable<IExceptionHandler> problems)
{
    private readonly ConcurrentDictionary<MethodInfo, RequestDelegate> _handlers = new();
    private readonly IExceptionHandler[] _problems = [.. problems];

    /// <summary>Runs <paramref name="handler"/> behind <paramref name="guards"/>; the response is written when this returns.</summary>
    public async Task<IResult> RunAsync(HttpRequest request, Delegate handler, params EdgeGuard[] guards)
    {
        var context = request.HttpContext;
        try
        {
            foreach (var guard in guards)
            {
                if (await guard(context) is { } refusal)
                {
                    return refusal;
                }
            }

            await _handlers.GetOrAdd(handler.Method, _ => Bind(handler, context))(context);
            return Results.Empty;
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            foreach (var problem in _problems)
            {
                if (await problem.TryHandleAsync(context, ex, context.RequestAborted))
                {
                    return Results.Empty;
                }
            }

            throw;
        }
    }

    private RequestDelegate Bind(Delegate handler, HttpContext context) =>
        RequestDelegateFactory.Create(handler, new RequestDelegateFactoryOptions
        {
            ServiceProvider = services,
            // Each handler serves one function, so the route values of its first request name its route parameters.
            RouteParameterNames = [.. context.Request.RouteValues.Keys],
            // A body or parameter that does not bind throws, and becomes a problem naming the parameter.
            ThrowOnBadRequest = true,
        }).RequestDelegate;
}
