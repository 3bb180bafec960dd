namespace FollowUp.Hosting.Standalone;

/// <summary>Serves each HTTP function at its trigger's route and methods, as the Functions host would.</summary>
internal static class FunctionRoutes
{
    private static readonly Dictionary<string, object?> NoBindingData = [];

    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder endpoints, IEnumerable<HttpFunction> functions)
    {
        foreach (var function in functions)
        {
            endpoints.MapMethods(function.Route, function.Methods, async context =>
            {
                var result = await FunctionInvoker.InvokeAsync(function.Method, context.RequestServices, NoBindingData, context.Request, context.RequestAborted);
                if (result is IResult answer)
                {
                    await answer.ExecuteAsync(context);
                }
            }).WithName(function.Name).ExcludeFromDescription();
        }

        return endpoints;
    }
}
