namespace FollowUp.Intake;

/// <summary>
/// Keeps intake's answers about as slow as each other. A new inquiry's answer waits for its acknowledgment to
/// be sent; a repeat, a submission nobody can be told of and a honeypot decoy send nothing. Answering those at
/// once would let anyone tell, by the clock, whether a number already has an open inquiry, so they wait about
/// as long as recent sends took (a moving average, with a little jitter). Wall-clock time: it paces a
/// provider call, not business time (the app registers it with <see cref="TimeProvider.System"/>).
/// </summary>
internal sealed class AnswerPace(TimeProvider clock)
{
    private long _typicalTicks;

    /// <summary>A timestamp to measure from.</summary>
    public long Start() => clock.GetTimestamp();

    /// <summary>Records how long the answer to a new inquiry waited for its send, counting from <paramref name="startedAt"/>.</summary>
    public void Sent(long startedAt)
    {
        var took = clock.GetElapsedTime(startedAt).Ticks;
        var typical = Interlocked.Read(ref _typicalTicks);
        Interlocked.Exchange(ref _typicalTicks, typical == 0 ? took : (long)((typical * 0.9) + (took * 0.1)));
    }

    /// <summary>How long a send typically takes now.</summary>
    public TimeSpan Typical => TimeSpan.FromTicks(Interlocked.Read(ref _typicalTicks));

    /// <summary>Waits out what is left of a typical send, counting from <paramref name="startedAt"/>.</summary>
    public Task PadAsync(long startedAt)
    {
        var target = Typical * (0.85 + (Random.Shared.NextDouble() * 0.3));
        var left = (target < IntakeService.SendWait ? target : IntakeService.SendWait) - clock.GetElapsedTime(startedAt);
        return left > TimeSpan.Zero ? Task.Delay(left, clock) : Task.CompletedTask;
    }
}
