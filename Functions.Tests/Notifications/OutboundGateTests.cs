using FollowUp.Notifications;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Notifications;

/// <summary>
/// Every message passes one outbound gate as it is sent, whoever made it: replies forwarded to an owner are
/// capped per inquiry, texts per staff phone per hour, all texts per day, and a text to a prospect goes only on
/// the consent recorded with it. Development staff: Dana (+12125550101) owns new inquiries; Sam manages her.
/// </summary>
public sealed class OutboundGateTests(AzuriteFixture azurite)
{
    private const string Dana = "+12125550101";
    private const string Sam = "+12125550102";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_emailed_replies_in_a_minute_reach_the_owner_as_three_texts_and_one_for_the_rest()
    {
        await using var host = await MessagingApp.StartAsync(azurite, new Dictionary<string, string?> { ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *" });
        var app = host.App;
        var id = await app.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" });

        for (var i = 1; i <= 10; i++)
        {
            await host.EmailAsync(host.ReplyAddress(id), "Lee Park <lee@example.com>", $"reply {i}");
            app.Time.Advance(TimeSpan.FromSeconds(5));
        }

        await host.SmsToAsync(Dana, 3);
        var held = (await app.OutboxAsync(id)).Single(r => r.MessageId.StartsWith("replies-held-", StringComparison.Ordinal));
        Assert.Equal(FollowUpApp.Start.AddHours(1), held.NotBefore);
        Assert.Equal($"Lee Park ({IdGenerator.ShortCode(id)}) sent 7 more replies this hour; the latest: reply 10 All of them are on the staff page.", held.Body);
        Assert.Equal(10, (await app.TimelineAsync(id)).Count(e => e.Type == "prospect-replied"));
        Assert.Equal(3, host.Twilio.Messages.Count(m => m.To == Dana));

        app.Time.SetUtcNow(FollowUpApp.Start.AddHours(1)); // the hour is over: its one text for the rest goes
        await SendAsync(app, held);

        Assert.Equal(held.Body, (await host.SmsToAsync(Dana, 4)).Body);
        Assert.Equal(4, host.Twilio.Messages.Count(m => m.To == Dana));
    }

    [Fact]
    public async Task A_staff_phone_gets_its_texts_for_the_hour_and_the_rest_wait_for_the_next()
    {
        await using var host = await MessagingApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *",
            ["FollowUp:Sms:StaffTextsPerHour"] = "2",
        });
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var phone = $"+1212555{i + 140:0000}";
            ids.Add(await host.App.SubmitAsync(new { name = $"Prospect {i}", phone, consentToSms = true, preferredChannel = "sms" }));
            await host.SmsToAsync(phone, 1);
            await host.TextAsync(phone, $"question {i}"); // three strangers' replies, one forward each to Dana
        }

        var third = await TwilioDeliveryTests.WaitForStateAsync(host.App, ids[2], OutboxState.Deferred, MessageKinds.ProspectReply);

        Assert.Equal(DateTimeOffset.Parse("2026-11-23T15:00:00Z"), third.NotBefore);
        Assert.Equal(2, host.Twilio.Messages.Count(m => m.To == Dana));
        Assert.Contains(await host.App.TimelineAsync(ids[2]), e => e.Detail!.Contains("this phone had its texts for the hour"));
    }

    [Fact]
    public async Task Past_the_days_sms_budget_texts_wait_for_tomorrow_and_the_managers_are_told_once()
    {
        await using var host = await MessagingApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *",
            ["FollowUp:Sms:DailyBudget"] = "2",
        });
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await host.App.SubmitAsync(new { name = $"Prospect {i}", phone = $"+1212555{i + 150:0000}", consentToSms = true }));
        }

        var states = new List<OutboxEntity>();
        foreach (var id in ids)
        {
            states.Add(await Eventually.GetAsync(
                async () => (await host.App.OutboxAsync(id)).Single(r => r.Kind == MessageKinds.Acknowledgment),
                r => r.State is OutboxState.Sent or OutboxState.Deferred, "the acknowledgment to be sent or held"));
        }

        Assert.Equal([OutboxState.Sent, OutboxState.Sent, OutboxState.Deferred, OutboxState.Deferred], states.Select(s => s.State));
        Assert.Contains(await host.App.TimelineAsync(ids[3]), e => e.Detail!.Contains("today's SMS budget is used up"));
        var notice = await host.SmsToAsync(Sam, 1);
        Assert.StartsWith("FollowUp: 2 texts went out today, the daily budget.", notice.Body);
        Assert.Single(host.Twilio.Messages, m => m.To == Sam);
    }

    [Fact]
    public async Task A_text_to_a_prospect_without_recorded_consent_is_never_sent_whoever_made_it()
    {
        await using var host = await MessagingApp.StartAsync(azurite, new Dictionary<string, string?> { ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *" });
        var app = host.App;
        var id = await app.SubmitAsync(new { name = "Lee Park", phone = "+12125550100" }); // no consent to texts
        var row = InquiryRows.NewOutbox(id, "made-elsewhere", MessageKinds.RelayedAnswer, Channels.Sms, "+12125550100", null, "hello", app.Time.GetUtcNow());
        await app.Storage.Inquiries.AddEntityAsync(row, Ct);

        await SendAsync(app, row);

        Assert.Equal(OutboxState.Suppressed, (await app.OutboxAsync(id)).Single(r => r.MessageId == "made-elsewhere").State);
        Assert.Contains(await app.TimelineAsync(id), e => e.Detail!.Contains("no consent to texts is recorded for it"));
        Assert.DoesNotContain(host.Twilio.Messages, m => m.To == "+12125550100");
    }

    [Fact]
    public async Task An_owners_answer_to_someone_who_never_agreed_to_texts_nor_gave_an_address_is_refused()
    {
        await using var host = await MessagingApp.StartAsync(azurite, new Dictionary<string, string?> { ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *" });
        var id = await host.App.SubmitAsync(new { name = "Lee Park", phone = "+12125550100" });

        var answer = await host.TextAsync(Dana, $"R {IdGenerator.ShortCode(id)} see you at 5");

        Assert.Equal($"FollowUp {IdGenerator.ShortCode(id)}: Lee Park did not agree to texts and gave no email address; call them instead.", Assert.Single(answer));
        Assert.Empty(await host.App.OutboxAsync(id));
    }

    private static Task SendAsync(FollowUpApp app, OutboxEntity row) =>
        app.Get<OutboxDelivery>().HandleAsync(new QueueInvocation(new NotificationRef(row.PartitionKey, row.MessageId).ToBinaryData().ToString(), 1, "test"), Ct);
}
