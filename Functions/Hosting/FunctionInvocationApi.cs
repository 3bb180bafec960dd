using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Hosting;

/// <summary>
/// Custom-handler mode's endpoints for queue and timer functions: the Functions host posts each
/// invocation to <c>/{FunctionName}</c>. HTTP functions need nothing here: with
/// <c>enableForwardingHttpRequest</c> the host forwards them to their own routes.
/// A non-2xx answer tells the host the invocation failed, so it retries and poisons as configured.
/// </summary>
internal static class FunctionInvocationApi
{
    /// <summary>The binding name of the queue trigger in every queue function's function.json.</summary>
    public const string QueueTriggerBinding = "message";

    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").ExcludeFromDescription();
        foreach (var function in endpoints.ServiceProvider.GetServices<IQueueFunction>())
        {
            group.MapPost("/" + function.Name, (HttpRequest request, ILoggerFactory logs, CancellationToken ct) =>
                InvokeQueueFunction(function, request, logs, ct));
        }

        foreach (var function in endpoints.ServiceProvider.GetServices<ITimerFunction>())
        {
            group.MapPost("/" + function.Name, (ILoggerFactory logs, CancellationToken ct) => InvokeTimerFunction(function, logs, ct));
        }

        return endpoints;
    }

    public static async Task<Results<Ok<HostInvocationResponse>, BadRequest<HostInvocationResponse>, JsonHttpResult<HostInvocationResponse>>> InvokeQueueFunction(
        IQueueFunction function, HttpRequest request, ILoggerFactory logs, CancellationToken ct)
    {
        HostInvocationRequest? payload;
        try
        {
            payload = await JsonSerializer.DeserializeAsync<HostInvocationRequest>(request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            payload = null;
        }

        var text = payload?.QueueMessage(QueueTriggerBinding);
        if (payload is null || text is null)
        {
            return TypedResults.BadRequest(HostInvocationResponse.Done($"No queue message in Data.{QueueTriggerBinding}."));
        }

        try
        {
            await function.HandleAsync(new QueueInvocation(text, payload.DequeueCount, payload.MessageId), ct);
            return TypedResults.Ok(HostInvocationResponse.Done());
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var logger = logs.CreateLogger(typeof(FunctionInvocationApi));
            HostingLog.InvocationFailed(logger, ex, function.Name, payload.MessageId, payload.DequeueCount);
            return Failed($"{function.Name} failed: {ex.GetType().Name}");
        }
    }

    public static async Task<Results<Ok<HostInvocationResponse>, BadRequest<HostInvocationResponse>, JsonHttpResult<HostInvocationResponse>>> InvokeTimerFunction(
        ITimerFunction function, ILoggerFactory logs, CancellationToken ct)
    {
        try
        {
            await function.RunAsync(ct);
            return TypedResults.Ok(HostInvocationResponse.Done());
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            HostingLog.TimerFailed(logs.CreateLogger(typeof(FunctionInvocationApi)), ex, function.Name);
            return Failed($"{function.Name} failed: {ex.GetType().Name}");
        }
    }

    private static JsonHttpResult<HostInvocationResponse> Failed(string log) =>
        TypedResults.Json(HostInvocationResponse.Done(log), statusCode: StatusCodes.Status500InternalServerError);
}
