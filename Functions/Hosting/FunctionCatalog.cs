using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Hosting;

/// <summary>
/// Every <c>[Function]</c> method in the app, read from its trigger attribute: the single source of each
/// function's name, route, methods, queue and schedule. The Worker SDK reads the same attributes to
/// write <c>functions.metadata</c> for the Functions host; the standalone runner reads them here.
/// </summary>
internal static class FunctionCatalog
{
    /// <summary>The host's <c>extensions.http.routePrefix</c> (host.json); every route starts with it.</summary>
    public const string RoutePrefix = "api";

    private static readonly IReadOnlyList<(string Name, MethodInfo Method)> Functions =
        [.. typeof(FunctionCatalog).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (method.GetCustomAttribute<FunctionAttribute>()?.Name, method))
            .Where(function => function.Name is not null)
            .Select(function => (function.Name!, function.method))
            .OrderBy(function => function.Item1, StringComparer.Ordinal)];

    public static IReadOnlyList<HttpFunction> Http { get; } = [.. Triggered<HttpTriggerAttribute>().Select(f => new HttpFunction(
        f.Name, f.Method, $"/{RoutePrefix}/{f.Trigger.Route ?? f.Name}", [.. (f.Trigger.Methods ?? []).Select(m => m.ToUpperInvariant())], f.Trigger.AuthLevel))];

    public static IReadOnlyList<QueueFunction> Queue { get; } =
        [.. Triggered<QueueTriggerAttribute>().Select(f => new QueueFunction(f.Name, f.Method, f.Trigger.QueueName, f.Trigger.Connection))];

    public static IReadOnlyList<TimerFunction> Timer { get; } =
        [.. Triggered<TimerTriggerAttribute>().Select(f => new TimerFunction(f.Name, f.Method, f.Trigger.Schedule))];

    /// <summary>Resolves a binding expression as the host does: <c>%Setting%</c> is read from configuration.</summary>
    public static string Resolve(string expression, IConfiguration configuration)
    {
        if (expression.Length < 2 || expression[0] != '%' || expression[^1] != '%')
        {
            return expression;
        }

        var setting = expression[1..^1];
        return configuration[setting] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The setting '{setting}' is missing; the function trigger '{expression}' needs it.");
    }

    private static IEnumerable<(string Name, MethodInfo Method, T Trigger)> Triggered<T>()
        where T : Attribute =>
        Functions.Select(f => (f.Name, f.Method, Trigger: f.Method.GetParameters().Select(p => p.GetCustomAttribute<T>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Trigger is not null)
            .Select(f => (f.Name, f.Method, f.Trigger!));
}

internal sealed record HttpFunction(string Name, MethodInfo Method, string Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthLevel);

internal sealed record QueueFunction(string Name, MethodInfo Method, string Queue, string? Connection);

internal sealed record TimerFunction(string Name, MethodInfo Method, string Schedule);
