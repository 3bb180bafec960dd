using FollowUp.Hosting;
using FollowUp.Hosting.Local;
using FollowUp.Hosting.Standalone;
using FollowUp.Hosting.Worker;

// One executable, two modes: under the Functions host it is an isolated worker; otherwise it runs
// the same functions itself (HTTP on :7071, queue listener, timers, Azurite when developing).
// A setting that makes no sense ends it with one line naming the setting and exit code 1.
// `dotnet run --project Functions -- twilio sms …` posts as a provider would to the app already running.
if (ProviderCommand.IsCommand(args))
{
    return ProviderCommand.Run(args);
}

return HostingMode.IsStartedByFunctionsHost(args)
    ? StartupErrors.Run(() => WorkerApp.Run(args))
    : StartupErrors.Run(() => StandaloneApp.Run(args));

/// <summary>The app's entry point; public so test hosts can start it.</summary>
public partial class Program;
