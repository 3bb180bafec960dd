namespace FollowUp.Core;

/// <summary>
/// Lets whoever enqueues work wake the standalone listener at once instead of waiting for its next poll.
/// A missed or extra signal costs at most one poll interval or one empty poll.
/// </summary>
internal sealed class QueueWakeUp
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the listener will poll once for all of them.
        }
    }

    /// <summary>Waits for a signal or the timeout (wall-clock pacing of I/O, not business time).</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
