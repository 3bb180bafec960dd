namespace FollowUp.Tests.Storage;

/// <summary>Which sources a staff member takes, as stored in the directory.</summary>
[Trait("Category", "Unit")]
public sealed class StaffSourcesTests
{
    [Theory]
    [InlineData("Home Show, Spring 2026", true)]
    [InlineData("home show, spring 2026", true)]
    [InlineData("Home Show", false)]
    [InlineData("Spring 2026", false)]
    [InlineData("referral", true)]
    [InlineData("web form", false)]
    public void A_source_with_a_comma_is_one_source(string source, bool takes)
    {
        var member = new StaffEntity { RowKey = "dana", Name = "Dana Reyes", Sources = StaffEntity.JoinSources(["Home Show, Spring 2026", " referral "]) };

        Assert.Equal(takes, member.TakesSource(source));
    }

    [Fact]
    public void Someone_with_no_sources_takes_every_source()
    {
        var member = new StaffEntity { RowKey = "kim", Name = "Kim Lee", Sources = StaffEntity.JoinSources([]) };

        Assert.True(member.TakesSource("Home Show, Spring 2026"));
    }
}
