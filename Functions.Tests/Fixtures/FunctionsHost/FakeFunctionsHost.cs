using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using FollowUp.Tests.Fixtures.FunctionsHost.Rpc;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FollowUp.Tests.Fixtures.FunctionsHost;

/// <summary>
/// Stands in for the Azure Functions host: serves the host-worker gRPC protocol on loopback, starts the
/// built worker the way the host does (<c>dotnet FollowUp.Functions.dll</c> with the host's arguments and
/// environment), and drives it: StartStream, WorkerInitRequest, FunctionsMetadataRequest, one
/// FunctionLoadRequest per function, then invocations. HTTP invocations go to the worker's own
/// <c>HttpUri</c> with <c>x-ms-invocation-id</c>, alongside an InvocationRequest carrying an empty RpcHttp.
/// </summary>
internal sealed class FakeFunctionsHost : IAsyncDisposable
{
    public const string HostVersion = "4.1041.200";

    private readonly WebApplication _server;
    private readonly Process _worker;
    private readonly StringBuilder _output = new();
    private readonly Channel<StreamingMessage> _toWorker = Channel.CreateUnbounded<StreamingMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new();
    private readonly TaskCompletionSource<StartStream> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, RpcFunctionMetadata> _functions = [];

    private FakeFunctionsHost(WebApplication server, Process worker, string workerId)
    {
        _server = server;
        _worker = worker;
        WorkerId = workerId;
    }

    public string WorkerId { get; }

    /// <summary>Where the worker serves HTTP (its <c>HttpUri</c> capability).</summary>
    public Uri? HttpUri { get; private set; }

    public IReadOnlyDictionary<string, string> WorkerCapabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>The functions as the worker indexed them (FunctionMetadataResponse).</summary>
    public IReadOnlyDictionary<string, RpcFunctionMetadata> Functions => _functions;

    /// <summary>Every RpcLog the worker sent.</summary>
    public ConcurrentQueue<RpcLog> Logs { get; } = new();

    /// <summary>What the worker process printed, then what it logged to the host, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output + string.Join('\n', Logs.Select(log => $"{log.Level} {log.Category}: {log.Message} {log.Exception?.Message}"));
            }
        }
    }

    /// <summary>Starts the host's gRPC server and the worker in <paramref name="folder"/> (its <paramref name="assembly"/>), and waits for StartStream.</summary>
    public static async Task<FakeFunctionsHost> StartAsync(
        string folder, IDictionary<string, string> environment, CancellationToken cancellationToken, string assembly = "FollowUp.Functions.dll")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc(options => options.MaxReceiveMessageSize = null);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<HostHolder>();
        var server = builder.Build();
        server.MapGrpcService<FunctionRpcService>();
        await server.StartAsync(cancellationToken);
        var port = new Uri(server.Urls.First()).Port;

        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        var uri = $"http://127.0.0.1:{port}/";
        const string maxLength = "2147483647";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                Path.Combine(folder, assembly),
                "--host", "127.0.0.1", "--port", port.ToString(), "--workerId", workerId, "--requestId", requestId,
                "--grpcMaxMessageLength", maxLength,
                "--functions-uri", uri, "--functions-worker-id", workerId, "--functions-request-id", requestId,
                "--functions-grpc-max-message-length", maxLength,
            },
        };
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = folder;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = folder;
        start.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var worker = Process.Start(start)!;
        var host = new FakeFunctionsHost(server, worker, workerId);
        server.Services.GetRequiredService<HostHolder>().Host = host;
        worker.OutputDataReceived += (_, e) => host.Print(e.Data);
        worker.ErrorDataReceived += (_, e) => host.Print(e.Data);
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            var stream = await host._started.Task.WaitAsync(timeout.Token);
            host.Expect(stream.WorkerId == workerId, $"StartStream came from worker '{stream.WorkerId}', not '{workerId}'.");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The worker never opened its event stream. It printed:\n" + host.Output);
        }

        return host;
    }

    /// <summary>WorkerInitRequest, FunctionsMetadataRequest and a FunctionLoadRequest per function, as the host does at start.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var folder = _worker.StartInfo.WorkingDirectory;
        var init = new WorkerInitRequest { HostVersion = HostVersion, WorkerDirectory = folder, FunctionAppDirectory = folder };
        init.Capabilities["MultiStream"] = "true";
        var initialized = await SendAsync(new StreamingMessage { WorkerInitRequest = init }, cancellationToken);
        Expect(initialized.WorkerInitResponse.Result.Status == StatusResult.Types.Status.Success, "WorkerInitRequest failed: " + initialized.WorkerInitResponse.Result.Exception?.Message);
        WorkerCapabilities = initialized.WorkerInitResponse.Capabilities;
        HttpUri = WorkerCapabilities.TryGetValue("HttpUri", out var httpUri) ? new Uri(httpUri) : null;
        if (HttpUri is not null)
        {
            await WaitForListenerAsync(HttpUri, cancellationToken);
        }

        var indexed = await SendAsync(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = folder } }, cancellationToken);
        Expect(indexed.FunctionMetadataResponse.Result.Status == StatusResult.Types.Status.Success, "FunctionsMetadataRequest failed: " + indexed.FunctionMetadataResponse.Result.Exception?.Message);
        foreach (var function in indexed.FunctionMetadataResponse.FunctionMetadataResults)
        {
            var id = string.IsNullOrEmpty(function.FunctionId) ? Guid.NewGuid().ToString() : function.FunctionId;
            var loaded = await SendAsync(
                new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = id, Metadata = function } }, cancellationToken);
            Expect(loaded.FunctionLoadResponse.Result.Status == StatusResult.Types.Status.Success, $"Loading {function.Name} failed: {loaded.FunctionLoadResponse.Result.Exception?.Message}");
            function.FunctionId = id;
            _functions[function.Name] = function;
        }
    }

    /// <summary>Waits until the worker logs that its start-up work (tables, staff directory) is done.</summary>
    public async Task WaitForApplicationStartedAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Logs.Any(log => log.Message.StartsWith("Application started", StringComparison.Ordinal)))
        {
            Expect(DateTime.UtcNow < deadline, "The worker never finished starting. It printed:\n" + Output);
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>An HTTP invocation as the host makes it: the request to <see cref="HttpUri"/> and the InvocationRequest together.</summary>
    public async Task<(HttpResponseMessage Response, InvocationResponse Invocation)> InvokeHttpAsync(
        string function, HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken, string? traceId = null)
    {
        var invocationId = Guid.NewGuid().ToString();
        request.RequestUri = new Uri(HttpUri!, request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString);
        request.Headers.Add("x-ms-invocation-id", invocationId);
        var invocation = new InvocationRequest { InvocationId = invocationId, FunctionId = _functions[function].FunctionId, TraceContext = NewTraceContext(traceId) };
        invocation.InputData.Add(new ParameterBinding { Name = TriggerName(function), Data = new TypedData { Http = new RpcHttp() } });
        var response = client.SendAsync(request, cancellationToken);
        var answered = SendAsync(new StreamingMessage { InvocationRequest = invocation }, cancellationToken, invocationId);
        return (await response, (await answered).InvocationResponse);
    }

    /// <summary>
    /// A queue-triggered invocation: the message text, and its dequeue count and id as trigger metadata
    /// (the host sends binding data as JSON or strings; the worker refuses TypedData ints there).
    /// </summary>
    public async Task<InvocationResponse> InvokeQueueAsync(string function, string message, long dequeueCount, CancellationToken cancellationToken)
    {
        var invocation = NewInvocation(function, new TypedData { String = message });
        invocation.TriggerMetadata["DequeueCount"] = new TypedData { Json = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        invocation.TriggerMetadata["Id"] = new TypedData { String = Guid.NewGuid().ToString() };
        return (await SendAsync(new StreamingMessage { InvocationRequest = invocation }, cancellationToken, invocation.InvocationId)).InvocationResponse;
    }

    /// <summary>A timer invocation with the TimerInfo the host passes.</summary>
    public async Task<InvocationResponse> InvokeTimerAsync(string function, CancellationToken cancellationToken)
    {
        var invocation = NewInvocation(function, new TypedData { Json = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}""" });
        return (await SendAsync(new StreamingMessage { InvocationRequest = invocation }, cancellationToken, invocation.InvocationId)).InvocationResponse;
    }

    /// <summary>Sends WorkerTerminate and returns the worker's exit code.</summary>
    public async Task<int> TerminateAsync(CancellationToken cancellationToken)
    {
        await _toWorker.Writer.WriteAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } }, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await _worker.WaitForExitAsync(timeout.Token);
        return _worker.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_worker.HasExited)
        {
            _worker.Kill(entireProcessTree: true);
            await _worker.WaitForExitAsync();
        }

        _worker.Dispose();
        _toWorker.Writer.TryComplete();
        await _server.DisposeAsync();
    }

    /// <summary>The host starts an activity per invocation and passes it on as a W3C trace parent.</summary>
    private static RpcTraceContext NewTraceContext(string? traceId = null) =>
        new() { TraceParent = $"00-{traceId ?? Guid.NewGuid().ToString("N")}-{Guid.NewGuid().ToString("N")[..16]}-01" };

    /// <summary>The worker's web server starts beside its gRPC client; the host's first request comes once it listens.</summary>
    private async Task WaitForListenerAsync(Uri uri, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(uri.Host, uri.Port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(10, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"The worker never listened on {uri}. It printed:\n{Output}", ex);
            }
        }
    }

    private void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure + "\n" + Output);
        }
    }

    private string TriggerName(string function) =>
        _functions[function].Bindings.Single(b => b.Value.Direction == BindingInfo.Types.Direction.In && b.Value.Type.EndsWith("Trigger", StringComparison.Ordinal)).Key;

    private InvocationRequest NewInvocation(string function, TypedData trigger)
    {
        var invocation = new InvocationRequest { InvocationId = Guid.NewGuid().ToString(), FunctionId = _functions[function].FunctionId, TraceContext = NewTraceContext() };
        invocation.InputData.Add(new ParameterBinding { Name = TriggerName(function), Data = trigger });
        return invocation;
    }

    /// <summary>Sends a request and waits for the answer with the same request id (or, for an invocation, the same invocation id).</summary>
    private async Task<StreamingMessage> SendAsync(StreamingMessage message, CancellationToken cancellationToken, string? invocationId = null)
    {
        message.RequestId = Guid.NewGuid().ToString();
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[invocationId ?? message.RequestId] = answer;
        await _toWorker.Writer.WriteAsync(message, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            return await answer.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No answer to {message.ContentCase}. The worker printed:\n{Output}");
        }
    }

    private void Received(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _started.TrySetResult(message.StartStream);
                return;
            case StreamingMessage.ContentOneofCase.RpcLog:
                Logs.Enqueue(message.RpcLog);
                return;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Complete(message.InvocationResponse.InvocationId, message);
                return;
            default:
                Complete(message.RequestId, message);
                return;
        }
    }

    private void Complete(string key, StreamingMessage message)
    {
        if (_pending.TryRemove(key, out var answer))
        {
            answer.TrySetResult(message);
        }
    }

    private void Print(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private sealed class HostHolder
    {
        public FakeFunctionsHost? Host { get; set; }
    }

    /// <summary>The host's side of EventStream: what the worker sends is dispatched, what the host queues is written.</summary>
    private sealed class FunctionRpcService(HostHolder holder) : FunctionRpc.FunctionRpcBase
    {
        public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
        {
            var host = holder.Host!;
            var writer = Task.Run(async () =>
            {
                await foreach (var message in host._toWorker.Reader.ReadAllAsync(context.CancellationToken))
                {
                    await responseStream.WriteAsync(message, context.CancellationToken);
                }
            });
            try
            {
                await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
                {
                    host.Received(message);
                }
            }
            catch (IOException)
            {
                // The worker went away (terminated or killed).
            }
            catch (OperationCanceledException)
            {
            }

            await writer.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
