namespace FollowUp.Core;

/// <summary>
/// How the app is run. The Functions host starts the worker with <c>--functions-uri</c> (and older hosts
/// with <c>--host</c>/<c>--port</c>); the Flex Consumption native host also sets the AppContext data
/// <c>AZURE_FUNCTIONS_NATIVE_HOST</c>. Then the host owns triggers and the app runs as an isolated worker.
/// Otherwise the app is standalone: it serves HTTP itself and runs its own queue listener and timers.
/// </summary>
internal sealed record HostingMode(bool IsFunctionsHost)
{
    public const string StandaloneUrl = "http://localhost:7071";
    public const string NativeHostData = "AZURE_FUNCTIONS_NATIVE_HOST";

    public static HostingMode Standalone { get; } = new(false);

    public static HostingMode FunctionsHost { get; } = new(true);

    public static bool IsStartedByFunctionsHost(IReadOnlyList<string> args) =>
        AppContext.GetData(NativeHostData) is not null
        || args.Any(arg => arg.Equals("--functions-uri", StringComparison.OrdinalIgnoreCase)
            || arg.StartsWith("--functions-uri=", StringComparison.OrdinalIgnoreCase));
}
