using FollowUp.Hosting;
using FollowUp.Hosting.Standalone;
using FollowUp.Hosting.Worker;

// One executable, two modes: under the Functions host it is an isolated worker; otherwise it runs
// the same functions itself (HTTP on :7071, queue listener, timers, Azurite when developing).
if (HostingMode.IsStartedByFunctionsHost(args))
{
    WorkerApp.Run(args);
}
else
{
    StandaloneApp.Run(args);
}

/// <summary>The app's entry point; public so test hosts can start it.</summary>
public partial class Program;
