using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace FollowUp.Hosting.Standalone;

/// <summary>
/// Calls a <c>[Function]</c> method as the worker would: a new instance of its class from the services
/// (the worker's default activator does the same), its parameters bound from the trigger and its binding
/// data by name (<c>dequeueCount</c>, <c>id</c>), and <see cref="CancellationToken"/> from the caller.
/// </summary>
internal static class FunctionInvoker
{
    /// <summary>Each method's parameters and whether each is its trigger, read once (every request comes through here).</summary>
    private static readonly ConcurrentDictionary<MethodInfo, (ParameterInfo Parameter, bool IsTrigger)[]> Parameters = new();

    public static async Task<object?> InvokeAsync(
        MethodInfo method, IServiceProvider services, IReadOnlyDictionary<string, object?> bindingData, object? trigger, CancellationToken cancellationToken)
    {
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var parameters = Parameters.GetOrAdd(method, m => [.. m.GetParameters().Select(p => (p, p.GetCustomAttributes().Any(a => a is BindingAttribute)))]);
        var arguments = parameters.Select(p => Bind(p.Parameter, p.IsTrigger, bindingData, trigger, cancellationToken)).ToArray();
        var returned = method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        switch (returned)
        {
            case Task task:
                await task;
                return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
            default:
                return returned;
        }
    }

    private static object? Bind(ParameterInfo parameter, bool isTrigger, IReadOnlyDictionary<string, object?> bindingData, object? trigger, CancellationToken cancellationToken)
    {
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (isTrigger)
        {
            return trigger;
        }

        var key = bindingData.Keys.FirstOrDefault(key => string.Equals(key, parameter.Name, StringComparison.OrdinalIgnoreCase));
        return key is not null
            ? bindingData[key]
            : throw new InvalidOperationException($"{parameter.Member.DeclaringType?.Name}.{parameter.Member.Name}: nothing binds parameter '{parameter.Name}'.");
    }
}
