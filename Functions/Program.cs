using FollowUp.Hosting;
using FollowUp.Hosting.Standalone;
using FollowUp.Hosting.Worker;

// One executable, two modes: under the Functions host it is an isolated worker; otherwise it runs
// the same functions itself (HTTP on :7071, queue listener, timers, Azurite when developing).
// A setting that makes no sense ends it with one line naming the setting and exit code 1.
return HostingMode.IsStartedByFunctionsHost(args)
    ? StartupErrors.Run(() => WorkerApp.Run(args))
    : StartupErrors.Run(() => StandaloneApp.Run(args));

/// <summary>The app's entry point; public so test hosts can start it.</summary>
public partial class Program;
