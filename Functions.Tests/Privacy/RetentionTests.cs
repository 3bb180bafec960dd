using Azure.Data.Tables;
using FollowUp.Privacy;
using FollowUp.Tests.Fixtures;
using FollowUp.Webhooks;

namespace FollowUp.Tests.Privacy;

/// <summary>The daily purge deletes what is past <c>FollowUp:Retention</c>, and nothing newer.</summary>
public sealed class RetentionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Inquiries_and_contacts_past_retention_go_a_STOP_stays_as_a_mark_and_newer_data_stays()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:Retention:KeepInquiriesFor"] = "30.00:00:00",
            ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *", // the ladder's own messages are not the point here
            ["FollowUp:Timers:PurgeExpired"] = "0 0 0 1 1 *", // run by hand below, once
        });
        var old = await app.SubmitAsync(new { name = "Old Timer", phone = "+12125550188", email = "old@example.com", consentToSms = true });
        await app.Sent.WaitForAsync(old);
        await app.Get<FollowUp.Core.OptOuts>().SetSmsOptOutAsync("+12125550188", true, "the number texted STOP", app.Time.GetUtcNow(), Ct);
        await app.Storage.Runtime.AddEntityAsync(new TableEntity(SendGridEventsApi.EventPartition, "old-event") { ["ReceivedAt"] = app.Time.GetUtcNow() }, Ct);

        app.Time.Advance(TimeSpan.FromDays(29));
        var recent = await app.SubmitAsync(new { name = "New Comer", email = "new@example.com" });
        await app.Storage.Runtime.AddEntityAsync(new TableEntity(SendGridEventsApi.EventPartition, "new-event") { ["ReceivedAt"] = app.Time.GetUtcNow() }, Ct);
        app.Time.Advance(TimeSpan.FromDays(2)); // the old inquiry is now 31 days old; the recent one 2

        var report = await app.Get<RetentionPurge>().PurgeExpiredAsync(Ct);

        Assert.Equal((1, 2, 1), (report.Inquiries, report.Contacts, report.EventIds));
        Assert.DoesNotContain(old, await app.InquiryIdsAsync());
        Assert.Empty(await app.TimelineAsync(old));
        Assert.NotNull(await app.InquiryAsync(recent));
        Assert.Null(await app.Storage.FindContactAsync(ContactEntity.PhoneKey("+12125550188"), Ct));
        Assert.Null(await app.Storage.FindContactAsync(ContactEntity.EmailKey("old@example.com"), Ct));
        Assert.NotNull(await app.Storage.FindContactAsync(ContactEntity.EmailKey("new@example.com"), Ct));
        var mark = await app.Storage.FindContactAsync(ErasedMarks.KeyFor(ContactEntity.PhoneKey("+12125550188")), Ct);
        Assert.True(mark!.SmsOptedOut);
        Assert.Null(await app.Storage.FindContactAsync(ErasedMarks.KeyFor(ContactEntity.EmailKey("old@example.com")), Ct)); // nothing to keep
        var events = app.Storage.Runtime.Query<TableEntity>(e => e.PartitionKey == SendGridEventsApi.EventPartition, cancellationToken: Ct).Select(e => e.RowKey);
        Assert.Equal(["new-event"], events);
    }

    [Fact]
    public async Task The_purge_runs_daily_on_its_timer()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Retention:KeepInquiriesFor"] = "30.00:00:00" });
        var old = await app.SubmitAsync(new { name = "Old Timer", email = "old@example.com" });

        app.Time.Advance(TimeSpan.FromDays(31)); // passes 03:30 UTC

        await Eventually.GetAsync(async () => await app.InquiryIdsAsync(), ids => !ids.Contains(old), "the purge timer to delete the old inquiry", TimeSpan.FromSeconds(20));
    }
}
