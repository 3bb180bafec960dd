namespace FollowUp.Hosting;

/// <summary>
/// A queue-triggered function. The standalone listener and the custom-handler adapter both call
/// <see cref="HandleAsync"/>; neither the handler nor its feature knows which one did.
/// Throwing fails the attempt: the message is retried and, after the last try, goes to the poison queue.
/// </summary>
internal interface IQueueFunction
{
    /// <summary>The function name, as in its function.json folder and the host's invocation path.</summary>
    string Name { get; }

    /// <summary>The logical queue name (without this app's storage prefix).</summary>
    string QueueName { get; }

    Task HandleAsync(QueueInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>One delivery of a queue message: its text and how many times it has been dequeued.</summary>
internal sealed record QueueInvocation(string MessageText, long DequeueCount, string? MessageId);

/// <summary>A timer-triggered function, run on a six-field CRON schedule (seconds first, UTC).</summary>
internal interface ITimerFunction
{
    string Name { get; }

    string Schedule { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
