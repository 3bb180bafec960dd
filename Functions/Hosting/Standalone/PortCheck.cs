using System.Net;
using System.Net.Sockets;

namespace FollowUp.Hosting.Standalone;

/// <summary>
/// Before Kestrel binds: a port another program (often a FollowUp already running) holds is said in one
/// line naming the fix, instead of Kestrel's stack trace.
/// </summary>
internal static class PortCheck
{
    /// <summary>Throws <see cref="StartupProblem"/> when the port of a loopback or wildcard URL in <paramref name="urls"/> is taken.</summary>
    public static void EnsureFree(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (BindingAddress(url) is not { Port: > 0 } address)
            {
                continue;
            }

            var listener = new TcpListener(IPAddress.Loopback, address.Port);
            try
            {
                listener.Start();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new StartupProblem(
                    $"port {address.Port} ({url}) is in use: FollowUp or another program is already running there. " +
                    $"Stop it, or start on another port: dotnet run --project Functions --urls http://localhost:{address.Port + 1}");
            }
            finally
            {
                listener.Stop();
            }
        }
    }

    private static Uri? BindingAddress(string url) =>
        Uri.TryCreate(url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || uri.Host is "0.0.0.0" or "[::]") ? uri : null;
}
