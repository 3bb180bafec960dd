namespace FollowUp.Tests.Core.Business;

/// <summary>A day's hours are written <c>08:00-18:00</c>; a person's week is kept in one table column.</summary>
[Trait("Category", "Unit")]
public sealed class WeeklyHoursTests
{
    [Theory]
    [InlineData("08:00-18:00", "08:00", "18:00")]
    [InlineData(" 09:30 - 17:15 ", "09:30", "17:15")] // spaces around the parts are ignored
    [InlineData("00:00-23:59", "00:00", "23:59")]
    public void Hours_read_as_opening_and_closing_times(string text, string open, string close) =>
        Assert.Equal((TimeOnly.Parse(open), TimeOnly.Parse(close)), WeeklyHours.Parse(text));

    [Theory]
    [InlineData("8-6")] // not HH:mm
    [InlineData("8:00-18:00")] // the hour needs two digits
    [InlineData("08.00-18.00")]
    [InlineData("18:00-08:00")] // closes before it opens
    [InlineData("08:00-08:00")] // open no time at all
    [InlineData("08:00")]
    [InlineData("08:00-12:00-13:00")]
    [InlineData("24:00-25:00")]
    [InlineData("closed")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_reads_as_closed(string? text) =>
        Assert.Null(WeeklyHours.Parse(text));

    [Fact]
    public void A_week_is_written_as_the_days_set_and_reads_back_the_same()
    {
        var hours = new Dictionary<DayOfWeek, string> { [DayOfWeek.Monday] = "09:00-17:00", [DayOfWeek.Saturday] = "" };

        var written = WeeklyHours.Write(hours);

        Assert.Equal("Monday=09:00-17:00;Saturday=", written);
        Assert.Equal(hours, WeeklyHours.Read(written));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(";;")]
    public void Nothing_written_reads_as_no_days_set(string? written) =>
        Assert.Empty(WeeklyHours.Read(written));

    [Fact]
    public void Parts_that_name_no_day_are_passed_over() =>
        Assert.Equal(
            new Dictionary<DayOfWeek, string> { [DayOfWeek.Tuesday] = "10:00-11:00" },
            WeeklyHours.Read("Funday=09:00-17:00;no equals sign;Tuesday=10:00-11:00"));
}
