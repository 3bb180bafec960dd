namespace FollowUp.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(1001, LogLevel.Information, "Listening to queue {Queue} for {Function}")]
    public static partial void ListenerStarted(ILogger logger, string function, string queue);

    [LoggerMessage(1002, LogLevel.Warning, "Polling queue {Queue} failed; retrying")]
    public static partial void PollFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(1003, LogLevel.Warning, "{Function} failed on message {MessageId} (try {DequeueCount})")]
    public static partial void InvocationFailed(ILogger logger, Exception exception, string function, string? messageId, long dequeueCount);

    [LoggerMessage(1004, LogLevel.Error, "{Function} gave up on message {MessageId} after {DequeueCount} tries; moved it to {PoisonQueue}")]
    public static partial void MovedToPoison(ILogger logger, string function, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(1005, LogLevel.Information, "Timer {Function} runs on '{Schedule}' (UTC)")]
    public static partial void TimerStarted(ILogger logger, string function, string schedule);

    [LoggerMessage(1006, LogLevel.Error, "Timer {Function} failed; it runs again at its next occurrence")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(1007, LogLevel.Information, "Using the storage emulator already listening on 127.0.0.1:{TablePort}")]
    public static partial void EmulatorAlreadyRunning(ILogger logger, int tablePort);

    [LoggerMessage(1008, LogLevel.Information, "Installing the storage emulator (npm ci in {Folder}); this happens once and takes a minute")]
    public static partial void InstallingEmulator(ILogger logger, string folder);

    [LoggerMessage(1009, LogLevel.Information, "Started the storage emulator (Azurite) with data in {Location}; it stops when the app stops")]
    public static partial void EmulatorStarted(ILogger logger, string location);

    [LoggerMessage(1010, LogLevel.Information, "Isolated worker mode: the Functions host runs the triggers")]
    public static partial void WorkerMode(ILogger logger);

    [LoggerMessage(1011, LogLevel.Information, "Standalone mode: HTTP, queue listener and timers run in this process")]
    public static partial void StandaloneMode(ILogger logger);
}
