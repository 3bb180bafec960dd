using FollowUp.Hosting.Standalone;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FollowUp.Tests.Fixtures;

/// <summary>
/// A TCP proxy in front of one storage service that misbehaves per HTTP request, as storage and the
/// network do: it forwards the request, answers <c>503 Server Busy</c> itself, drops the connection
/// before the request reaches storage, or drops it after storage has answered (storage acted, the
/// caller never hears). HTTP/1.1 requests are framed by Content-Length; anything else passes through.
/// </summary>
public sealed class FaultyProxy : IAsyncDisposable
{
    private static readonly byte[] ServerBusy = Encoding.ASCII.GetBytes(
        "HTTP/1.1 503 Service Unavailable\r\nx-ms-error-code: ServerBusy\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly Random _random;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _requests;
    private int _busy;
    private int _droppedBefore;
    private int _droppedAfter;
    private int _oneShotUsed;

    public FaultyProxy(int targetPort, int seed)
    {
        _targetPort = targetPort;
        _random = new Random(seed);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Chance per request of each fault; all zero forwards everything.</summary>
    public double BusyRate { get; set; }

    public double DropBeforeRate { get; set; }

    public double DropAfterRate { get; set; }

    /// <summary>
    /// The next request whose text (request line, headers and body) contains this is forwarded, and its
    /// answer dropped once storage has acted: a write that succeeded while its caller never heard.
    /// </summary>
    public string? DropAnswerOnceTo { get; set; }

    /// <summary>While set, requests reach the proxy and are never answered: storage that hangs rather than fails.</summary>
    public bool Hang { get; set; }

    public string Counts => $"{_requests} requests: {_busy} answered 503, {_droppedBefore} dropped before storage, {_droppedAfter} dropped after storage answered";

    public int Faults => _busy + _droppedBefore + _droppedAfter;

    /// <summary>A storage connection string whose table and queue endpoints go through these proxies.</summary>
    public static string ConnectionString(FaultyProxy tables, FaultyProxy queues) =>
        "DefaultEndpointsProtocol=http;" +
        $"AccountName={AzuriteProcess.AccountName};AccountKey={AzuriteProcess.AccountKey};" +
        $"TableEndpoint=http://127.0.0.1:{tables.Port}/{AzuriteProcess.AccountName};QueueEndpoint=http://127.0.0.1:{queues.Port}/{AzuriteProcess.AccountName};";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            var fromClient = client.GetStream();
            var toServer = server.GetStream();
            var dropNextResponse = 0;
            var responses = Task.Run(async () =>
            {
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = await toServer.ReadAsync(buffer, _stop.Token)) > 0)
                {
                    if (Interlocked.Exchange(ref dropNextResponse, 0) == 1)
                    {
                        client.Client.Close(); // storage answered; the caller never hears
                        return;
                    }

                    await fromClient.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                }
            });

            while (await ReadRequestAsync(fromClient) is { } request)
            {
                Interlocked.Increment(ref _requests);
                if (Hang)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                if (DropAnswerOnceTo is { } marker && Encoding.UTF8.GetString(request).Contains(marker, StringComparison.Ordinal)
                    && Interlocked.CompareExchange(ref _oneShotUsed, 1, 0) == 0)
                {
                    Interlocked.Increment(ref _droppedAfter);
                    Volatile.Write(ref dropNextResponse, 1);
                    await toServer.WriteAsync(request, _stop.Token);
                    continue;
                }

                var roll = NextDouble();
                if (roll < BusyRate)
                {
                    Interlocked.Increment(ref _busy);
                    await fromClient.WriteAsync(ServerBusy, _stop.Token);
                    return;
                }

                if (roll < BusyRate + DropBeforeRate)
                {
                    Interlocked.Increment(ref _droppedBefore);
                    return;
                }

                if (roll < BusyRate + DropBeforeRate + DropAfterRate)
                {
                    Interlocked.Increment(ref _droppedAfter);
                    Volatile.Write(ref dropNextResponse, 1);
                }

                await toServer.WriteAsync(request, _stop.Token);
            }

            await responses;
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A dropped or closed connection ends the relay; the caller sees it as the network failing.
        }
    }

    /// <summary>One whole request (headers and Content-Length body), or null when the client closed the connection.</summary>
    private static async Task<byte[]?> ReadRequestAsync(NetworkStream stream)
    {
        var bytes = new List<byte>(4096);
        var one = new byte[1];
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            bytes.Add(one[0]);
        }

        var headers = Encoding.ASCII.GetString([.. bytes]);
        var length = headers.Split("\r\n").Select(line => line.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return [.. bytes, .. body];
    }

    private double NextDouble()
    {
        lock (_random)
        {
            return _random.NextDouble();
        }
    }
}
