namespace FollowUp.Hosting;

/// <summary>Something on this machine stops the app from starting, said in one line that names the fix (see <see cref="StartupErrors"/>).</summary>
internal sealed class StartupProblem(string message) : Exception(message);
