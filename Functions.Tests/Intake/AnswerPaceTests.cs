using FollowUp.Intake;
using Microsoft.Extensions.Time.Testing;

namespace FollowUp.Tests.Intake;

/// <summary>An answer that sent nothing waits about as long as recent sends took, so the clock tells nothing.</summary>
[Trait("Category", "Unit")]
public sealed class AnswerPaceTests
{
    [Fact]
    public void Before_any_send_nothing_waits()
    {
        var pace = new AnswerPace(new FakeTimeProvider());

        Assert.True(pace.PadAsync(pace.Start()).IsCompleted);
    }

    [Fact]
    public async Task After_sends_an_answer_waits_about_as_long_as_they_took()
    {
        var clock = new FakeTimeProvider();
        var pace = new AnswerPace(clock);
        for (var i = 0; i < 3; i++)
        {
            var sending = pace.Start();
            clock.Advance(TimeSpan.FromMilliseconds(400));
            pace.Sent(sending);
        }

        var waiting = pace.PadAsync(pace.Start());
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.False(waiting.IsCompleted); // at least 85% of 400 ms
        clock.Advance(TimeSpan.FromMilliseconds(200));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken); // at most 115%
        Assert.Equal(TimeSpan.FromMilliseconds(400), pace.Typical);
    }

    [Fact]
    public void Time_already_spent_counts_and_the_wait_never_passes_the_send_limit()
    {
        var clock = new FakeTimeProvider();
        var pace = new AnswerPace(clock);
        var sending = pace.Start();
        clock.Advance(TimeSpan.FromMinutes(1)); // a provider that hung
        pace.Sent(sending);

        var started = pace.Start();
        clock.Advance(IntakeService.SendWait);

        Assert.True(pace.PadAsync(started).IsCompleted);
    }
}
