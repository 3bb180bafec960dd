using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using FollowUp.Privacy;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Leads;
using FollowUp.Tests.Notifications;

namespace FollowUp.Tests.Privacy;

/// <summary>
/// Erasing a person leaves nothing of them, whatever they did before and whatever the providers say after:
/// every table and queue is read for their name, number and address. Their STOP outlives them as a hashed mark.
/// </summary>
public sealed class ErasureLeavesNoTraceTests(AzuriteFixture azurite)
{
    private const string DoraPhone = "+12125550188";
    private const string DoraEmail = "Dora.Case@Example.com";
    private const string Dana = "+12125550101";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_every_kind_of_activity_and_late_provider_events_no_table_or_queue_holds_a_trace()
    {
        await using var host = await MessagingApp.StartAsync(azurite, new Dictionary<string, string?> { ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *" });
        var app = host.App;

        // Dora asks for a quote, refers a friend, writes back by text and by email, and Dana answers her.
        var own = await app.SubmitAsync(new { name = "Dora Case", phone = DoraPhone, email = DoraEmail, consentToSms = true, preferredChannel = "sms" });
        var acknowledgment = await TwilioDeliveryTests.WaitForStateAsync(app, own, OutboxState.Sent, MessageKinds.Acknowledgment);
        var referral = await ReferAsync(app);
        var thanks = await TwilioDeliveryTests.WaitForStateAsync(app, referral, OutboxState.Sent, MessageKinds.ReferrerThanks);
        await host.TextAsync(DoraPhone, "call me after 5");
        await host.EmailAsync(host.ReplyAddress(own), "Dora Case <dora.case@example.com>", "or email me, Dora");
        await host.SmsToAsync(Dana, 2);
        Assert.Contains("sent to Dora", Assert.Single(await host.TextAsync(Dana, $"R {IdGenerator.ShortCode(own)} I will call at 5:15")));
        var answer = await TwilioDeliveryTests.WaitForStateAsync(app, own, OutboxState.Sent, MessageKinds.RelayedAnswer);
        Assert.Equal(HttpStatusCode.NoContent, (await host.StatusAsync(own, acknowledgment.MessageId, DoraPhone, "delivered")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.EventsAsync(
            Event("delivered", answer, DoraEmail, "e1"), Event("open", thanks, DoraEmail, "e2"))).StatusCode);
        await host.TextAsync(DoraPhone, "STOP");

        var erased = await EraseAsync(app, new { phone = "(212) 555-0188", email = "dora.case@example.com" }); // the address as she typed it differs in case
        Assert.Equal((1, 1, true), (erased.GetProperty("inquiriesDeleted").GetInt32(), erased.GetProperty("inquiriesScrubbed").GetInt32(), erased.GetProperty("suppressionKept").GetBoolean()));

        // The providers go on talking about her: a bounce, an open, an unsubscribed number, a reply, a text.
        await host.EventsAsync(Event("bounce", answer, DoraEmail, "e3"), Event("open", answer, DoraEmail, "e4"), Event("open", thanks, DoraEmail, "e5"));
        await host.StatusAsync(own, acknowledgment.MessageId, DoraPhone, "undelivered", "21610");
        await host.EmailAsync(host.ReplyAddress(own), "Dora Case <dora.case@example.com>", "hello? Dora here");
        await host.TextAsync(DoraPhone, "hello? Dora here");

        Assert.Null(await app.InquiryAsync(own));
        Assert.Empty(await app.TimelineAsync(own));
        await AssertNoTraceAsync(app, "Dora", "5550188", "dora.case");
        Assert.True(await app.SmsOptedOutAsync(DoraPhone)); // her STOP holds, as a hashed mark
        Assert.NotNull(await app.Storage.FindContactAsync(ErasedMarks.KeyFor(ContactEntity.PhoneKey(DoraPhone)), Ct));
        Assert.Equal(Erasure.Erased, (await app.InquiryAsync(referral))!.ReferrerName);
    }

    [Fact]
    public async Task The_daily_purge_removes_rows_left_without_their_inquiry()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Timers:ScanDueWindows"] = "0 0 0 1 1 *" });
        var kept = await app.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" });
        const string orphan = "20261123140000-ZZZZZZZZ"; // an event that raced an erasure
        await app.Storage.Inquiries.AddEntityAsync(InquiryRows.NewEvent(orphan, app.Time.GetUtcNow(), 0, "email-bounce", "Email bounce: 550 <dora.case@example.com> no such user"), Ct);

        var report = await app.Get<RetentionPurge>().PurgeExpiredAsync(Ct);

        Assert.Equal(1, report.Inquiries);
        Assert.Empty(await app.TimelineAsync(orphan));
        Assert.NotNull(await app.InquiryAsync(kept));
    }

    /// <summary>Reads every row of every table and every visible queue message for any of <paramref name="traces"/>, case-insensitively.</summary>
    private static async Task AssertNoTraceAsync(FollowUpApp app, params string[] traces)
    {
        var storage = app.Storage;
        foreach (var table in new[] { storage.Inquiries, storage.Contacts, storage.Runtime, storage.Staff, storage.DueIndex })
        {
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: Ct))
            {
                var text = JsonSerializer.Serialize(row);
                Assert.All(traces, trace => Assert.DoesNotContain(trace, text, StringComparison.OrdinalIgnoreCase));
            }
        }

        foreach (var queue in new[] { storage.Notifications, storage.NotificationsPoison })
        {
            foreach (var message in (await queue.PeekMessagesAsync(32, Ct)).Value)
            {
                Assert.All(traces, trace => Assert.DoesNotContain(trace, message.Body.ToString(), StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    private static object Event(string type, OutboxEntity row, string email, string id) => new Dictionary<string, object>
    {
        ["email"] = email, ["event"] = type, ["sg_event_id"] = id, ["timestamp"] = 1, ["reason"] = $"550 <{email}> no such user",
        [SendGridOptions.InquiryIdArg] = row.PartitionKey, [SendGridOptions.MessageIdArg] = row.MessageId,
    };

    private static async Task<string> ReferAsync(FollowUpApp app)
    {
        var response = await app.PostJsonAsync("/api/referrals", new
        {
            referrer = new { name = "Dora Case", email = "dora.case@example.com", phone = DoraPhone },
            prospect = new { name = "Bo Chen", email = "bo@example.com" },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> EraseAsync(FollowUpApp app, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/staff/erasures") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LeadImportTests.SamKey);
        var response = await app.Client().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
