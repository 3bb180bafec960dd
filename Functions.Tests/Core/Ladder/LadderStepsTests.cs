using Microsoft.Extensions.Options;
using LadderSteps = FollowUp.Core.Ladder;

namespace FollowUp.Tests.Core.Ladder;

/// <summary>A promise's steps, counted from its RespondBy: remind, lapse, escalate, no news; after downtime only the latest due step is taken.</summary>
[Trait("Category", "Unit")]
public sealed class LadderStepsTests
{
    private static readonly DateTimeOffset Promise = DateTimeOffset.Parse("2026-11-23T14:15:00Z"); // Mon 09:15 in New York

    private static LadderSteps Ladder(LadderOptions? options = null)
    {
        var business = Options.Create(new BusinessOptions { Name = "B", TimeZone = "America/New_York" });
        return new(Options.Create(options ?? new LadderOptions()), new BusinessCalendar(Options.Create(new ResponseWindowOptions()), business));
    }

    private static InquiryEntity Inquiry(string? nextStep = null, DateTimeOffset? nextDueAt = null) =>
        new() { RespondBy = Promise, NextStep = nextStep, NextDueAt = nextDueAt };

    private static DateTimeOffset At(string minute) => DateTimeOffset.Parse($"2026-11-23T{minute}:00Z");

    [Fact]
    public void The_steps_are_five_minutes_before_at_fifteen_and_thirty_after_the_promise() =>
        Assert.Equal(
            [("remind", At("14:10")), ("lapse", At("14:15")), ("escalate", At("14:30")), ("no-news", At("14:45"))],
            Ladder().Steps(Inquiry()));

    [Fact]
    public void Steps_are_taken_in_the_order_they_fall_due() =>
        Assert.Equal(["remind", "lapse", "no-news", "escalate"],
            Ladder(new LadderOptions { EscalateAfter = TimeSpan.FromHours(1) }).Steps(Inquiry()).Select(s => s.Step));

    [Fact]
    public void Without_a_reminder_lead_the_reminder_still_comes_first() =>
        Assert.Equal(("remind", Promise), Ladder(new LadderOptions { ReminderLead = TimeSpan.Zero }).First(Inquiry()));

    [Theory]
    [InlineData("remind", "lapse")]
    [InlineData("lapse", "escalate")]
    [InlineData("escalate", "no-news")]
    [InlineData("no-news", null)] // the ladder of this promise is done
    [InlineData("follow-up", null)]
    public void Each_step_is_followed_by_the_next_until_the_last(string step, string? next) =>
        Assert.Equal(next, Ladder().After(Inquiry(), step)?.Step);

    [Theory]
    [InlineData("remind", "14:09", "remind")] // not due yet: the scheduled step
    [InlineData("remind", "14:15", "lapse")]
    [InlineData("remind", "14:31", "escalate")] // back after downtime: the missed reminder and lapse are passed over
    [InlineData("lapse", "16:00", "no-news")]
    [InlineData("escalate", "14:11", "escalate")] // never a step before the one scheduled
    [InlineData(null, "14:00", "remind")]
    public void The_current_step_is_the_latest_due_and_never_before_the_scheduled_one(string? scheduled, string now, string expected) =>
        Assert.Equal(expected, Ladder().Current(Inquiry(scheduled), At(now)).Step);

    [Fact]
    public void A_follow_up_is_current_at_its_own_time_whatever_the_promise()
    {
        var due = At("20:00");

        Assert.Equal(("follow-up", due), Ladder().Current(Inquiry("follow-up", due), At("23:00")));
        Assert.Equal(("follow-up", At("23:00")), Ladder().Current(Inquiry("follow-up"), At("23:00")));
    }

    [Fact]
    public void The_next_follow_up_is_four_business_hours_later() =>
        // Mon 16:00 EST: two hours Monday, two Tuesday from 08:00.
        Assert.Equal(("follow-up", DateTimeOffset.Parse("2026-11-24T15:00:00Z")), Ladder().NextFollowUp(At("21:00")));

    [Theory]
    [InlineData("lapse", true)]
    [InlineData("escalate", true)]
    [InlineData("no-news", true)]
    [InlineData("remind", false)]
    [InlineData("follow-up", false)]
    public void Only_lapsing_escalating_or_renewing_means_the_promise_was_not_kept(string step, bool past) =>
        Assert.Equal(past, LadderSteps.IsPastPromise(step));
}
