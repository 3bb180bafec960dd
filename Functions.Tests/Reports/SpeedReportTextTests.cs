using FollowUp.Reports;

namespace FollowUp.Tests.Reports;

/// <summary>The speed-to-lead report as CSV for spreadsheets and as the text of the weekly email.</summary>
[Trait("Category", "Unit")]
public sealed class SpeedReportTextTests
{
    private static readonly SpeedReport Report = new(
        new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22),
        new ReportLine("total", "all", "Everyone", 5, 4, 8, 30, 0.6, 2, 1, 1, 1.33, 1, new StatusLinkShares(4, 0.75, 0.25, 0.25, 0.5)),
        [new ReportLine("owner", "dana", "=Reyes, Dana", 5, 4, 8, 30, 0.6, 2, 1, 1, 1.33, 1, new StatusLinkShares(4, 0.75, 0.25, 0.25, 0.5))],
        [new ReportLine("source", "Home Show, Boston", "Home Show, Boston", 1, 0, null, null, 0, 0, 0, 0, 0, 0)],
        StorageReads: 3);

    [Fact]
    public void The_csv_has_a_header_then_the_total_the_owners_and_the_sources() =>
        Assert.Equal(
            "dimension,key,name,inquiries,contacted,median_minutes,p90_minutes,contacted_in_window,lapsed_promises,escalations,no_news_sent,attempts_per_inquiry,replies_unanswered,"
            + "status_links_sent,opened_link,moved_time,withdrew,added_detail,"
            + "calls_answered,calls_missed,texted_back,median_text_back_seconds,voicemails,callbacks,callbacks_reached,first_contacts_by_call\r\n" +
            "total,all,Everyone,5,4,8,30,0.6,2,1,1,1.33,1,4,0.75,0.25,0.25,0.5,0,0,0,,0,0,0,0\r\n" +
            "owner,dana,\"'=Reyes, Dana\",5,4,8,30,0.6,2,1,1,1.33,1,4,0.75,0.25,0.25,0.5,0,0,0,,0,0,0,0\r\n" + // a name that starts a formula stays text
            "source,\"Home Show, Boston\",\"Home Show, Boston\",1,0,,,0,0,0,0,0,0,0,,,,,0,0,0,,0,0,0,0\r\n", // no contacts: no minutes; no links: no shares; no calls
            SpeedToLead.Csv(Report));

    [Fact]
    public void The_weekly_email_has_a_block_for_everyone_each_person_and_each_source()
    {
        var body = WeeklySummary.Body(Report);

        Assert.StartsWith("Speed to lead for the inquiries received November 16 to November 22.\n\nEveryone\n- Everyone: 5 inquiries, 4 contacted, median 8 min, 90% within 30 min, " +
            "60% within the promise, 2 lapsed, 1 escalated, 1 \"no news\" updates, 1.33 attempts each, 1 replies unanswered\n\nPer person\n- =Reyes, Dana: 5 inquiries", body);
        Assert.Contains("\nPer source\n- Home Show, Boston: 1 inquiries, 0 contacted, median - min, 90% within - min, 0% within the promise,", body);
        Assert.EndsWith("\nMinutes are business minutes from the inquiry to the first contact attempt.", body);
    }
}
