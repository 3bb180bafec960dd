using System.Net;
using System.Net.Sockets;

namespace FollowUp.Tests.Fixtures;

/// <summary>A loopback port nothing listens on: bound once for a free number, then let go.</summary>
public static class ClosedPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
