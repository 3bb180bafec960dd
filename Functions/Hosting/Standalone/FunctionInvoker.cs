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
    public static async Task<object?> InvokeAsync(
        MethodInfo method, IServiceProvider services, IReadOnlyDictionary<string, object?> bindingData, object? trigger, CancellationToken cancellationToken)
    {
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var arguments = method.GetParameters().Select(parameter => Bind(parameter, bindingData, trigger, cancellationToken)).ToArray();
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

    private static object? Bind(ParameterInfo parameter, IReadOnlyDictionary<string, object?> bindingData, object? trigger, CancellationToken cancellationToken)
    {
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (parameter.GetCustomAttributes().Any(attribute => attribute is BindingAttribute))
        {
            return trigger;
        }

        var key = bindingData.Keys.FirstOrDefault(key => string.Equals(key, parameter.Name, StringComparison.OrdinalIgnoreCase));
        return key is not null
            ? bindingData[key]
            : throw new InvalidOperationException($"{parameter.Member.DeclaringType?.Name}.{parameter.Member.Name}: nothing binds parameter '{parameter.Name}'.");
    }
}
