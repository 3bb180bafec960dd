using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace FollowUp.Hosting.Standalone;

/// <summary>
/// Standalone mode's stand-in for the Functions host's queue trigger: polls each function's queue,
/// hides a message while it is handled, deletes it on success, makes it visible again after
/// <see cref="QueueOptions.VisibilityTimeout"/> on failure, and moves it to <c>{queue}-poison</c>
/// after <see cref="QueueOptions.MaxDequeueCount"/> tries.
/// </summary>
internal sealed class StandaloneQueueListener(
    IServiceProvider services,
    IConfiguration configuration,
    FollowUpStorage storage,
    QueueWakeUp wakeUp,
    IOptions<QueueOptions> options,
    ILogger<StandaloneQueueListener> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(50);
    private readonly QueueOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FunctionCatalog.Queue.Select(function => ListenAsync(function, stoppingToken)));

    private async Task ListenAsync(QueueFunction function, CancellationToken stoppingToken)
    {
        var name = FunctionCatalog.Resolve(function.Queue, configuration);
        var queue = storage.QueueService.GetQueueClient(name);
        var poison = storage.QueueService.GetQueueClient(name + "-poison");
        var idle = MinPollingInterval;
        var inFlight = new List<Task>();
        HostingLog.ListenerStarted(logger, function.Name, queue.Name);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // As the host does: the next batch is fetched once no more than NewBatchThreshold
                // messages are still being handled, so one slow message never holds up the rest.
                while (inFlight.Count > _options.NewBatchThreshold)
                {
                    await Task.WhenAny(inFlight);
                    inFlight.RemoveAll(task => task.IsCompleted);
                }

                QueueMessage[] messages = await queue.ReceiveMessagesAsync(_options.BatchSize, _options.MessageLease, stoppingToken);
                if (messages.Length == 0)
                {
                    await wakeUp.WaitAsync(idle, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxPollingInterval.Ticks));
                    inFlight.RemoveAll(task => task.IsCompleted);
                    continue;
                }

                idle = MinPollingInterval;
                inFlight.AddRange(messages.Select(message => HandleAsync(function, queue, poison, message, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                HostingLog.PollFailed(logger, ex, queue.Name);
                await Task.Delay(_options.MaxPollingInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await Task.WhenAll(inFlight);
    }

    /// <summary>Handles one message; a storage failure while settling it is logged, and the message comes back after its lease.</summary>
    private async Task HandleAsync(QueueFunction function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken ct)
    {
        try
        {
            await ProcessAsync(function, queue, poison, message, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            HostingLog.PollFailed(logger, ex, queue.Name);
        }
    }

    private async Task ProcessAsync(QueueFunction function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken ct)
    {
        // A message dequeued more often than allowed crashed its earlier workers: don't run it again.
        if (message.DequeueCount > _options.MaxDequeueCount)
        {
            await MoveToPoisonAsync(function, queue, poison, message, ct);
            return;
        }

        try
        {
            // One scope per invocation, as the worker makes one per function invocation.
            await using var scope = services.CreateAsyncScope();
            var bindingData = new Dictionary<string, object?> { ["dequeueCount"] = message.DequeueCount, ["id"] = message.MessageId };
            await FunctionInvoker.InvokeAsync(function.Method, scope.ServiceProvider, bindingData, message.Body.ToString(), ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            HostingLog.InvocationFailed(logger, ex, function.Name, message.MessageId, message.DequeueCount);
            if (message.DequeueCount >= _options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(function, queue, poison, message, ct);
            }
            else
            {
                await ReleaseAsync(queue, message, ct);
            }

            return;
        }

        await DeleteAsync(queue, message, ct);
    }

    private async Task MoveToPoisonAsync(QueueFunction function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken ct)
    {
        await poison.SendMessageAsync(message.Body, cancellationToken: ct);
        await DeleteAsync(queue, message, ct);
        HostingLog.MovedToPoison(logger, function.Name, message.MessageId, message.DequeueCount, poison.Name);
    }

    private async Task ReleaseAsync(QueueClient queue, QueueMessage message, CancellationToken ct)
    {
        try
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: _options.VisibilityTimeout, cancellationToken: ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The lease ran out and another worker holds the message now; it will be retried either way.
        }
    }

    private static async Task DeleteAsync(QueueClient queue, QueueMessage message, CancellationToken ct)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The lease ran out and the message was redelivered; the outbox makes that second delivery a no-op.
        }
    }
}
