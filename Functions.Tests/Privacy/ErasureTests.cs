using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using FollowUp.Notifications;
using FollowUp.Privacy;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Leads;

namespace FollowUp.Tests.Privacy;

/// <summary>
/// A manager erases a person by phone or email: their details leave every inquiry, timeline, contact
/// and message, and only a hashed mark stays so that their STOP keeps holding.
/// </summary>
public sealed class ErasureTests(AzuriteFixture azurite)
{
    private const string LeePhone = "+12125550177";
    private const string LeeEmail = "lee.park@example.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erasing_a_person_leaves_nothing_of_them_but_their_STOP_holds()
    {
        await using var app = new FollowUpApp(azurite);
        var own = await app.SubmitAsync(new { name = "Lee Park", phone = LeePhone, email = LeeEmail, consentToSms = true, message = "Call me about the boiler" });
        await app.Sent.WaitForAsync(own);
        var referral = await ReferAsync(app, referrer: new { name = "Lee Park", email = LeeEmail }, prospect: new { name = "Bo Chen", email = "bo@example.com" });
        await app.Sent.WaitForAsync(referral, count: 2);
        await app.Get<FollowUp.Core.OptOuts>().SetSmsOptOutAsync(LeePhone, true, "the number texted STOP", app.Time.GetUtcNow(), Ct);

        var response = await EraseAsync(app, LeadImportTests.SamKey, new { phone = "(212) 555-0177", email = "Lee.Park@Example.com" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((1, 1, true), (report.GetProperty("inquiriesDeleted").GetInt32(), report.GetProperty("inquiriesScrubbed").GetInt32(), report.GetProperty("suppressionKept").GetBoolean()));
        Assert.Null(await app.InquiryAsync(own));
        var kept = (await app.InquiryAsync(referral))!;
        Assert.Equal(("Bo Chen", Erasure.Erased, null, null), (kept.Name, kept.ReferrerName, kept.ReferrerEmail, kept.ReferrerPhone));
        Assert.Contains(await app.TimelineAsync(referral), e => e.Type == "referrer-erased" && e.Detail!.Contains("Sam Ortiz"));

        // Not a trace in any table: no number, no address, no name.
        foreach (var table in new[] { app.Storage.Inquiries, app.Storage.Contacts, app.Storage.Runtime, app.Storage.DueIndex })
        {
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: Ct))
            {
                var text = JsonSerializer.Serialize(row);
                Assert.DoesNotContain("5550177", text);
                Assert.DoesNotContain("lee.park", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("Lee Park", text);
            }
        }

        // Only the hashed mark is left, and their STOP holds when they come back.
        var again = await app.SubmitAsync(new { name = "Lee", phone = LeePhone, consentToSms = true });
        Assert.NotNull(await app.Storage.FindContactAsync(ErasedMarks.KeyFor(ContactEntity.PhoneKey(LeePhone)), Ct));
        Assert.Empty(await app.OutboxAsync(again));
        Assert.Contains(await app.TimelineAsync(again), e => e.Detail == "No acknowledgment sent: no email address, and their number texted STOP.");
    }

    [Fact]
    public async Task A_message_still_on_its_way_to_an_erased_referrer_is_never_sent()
    {
        await using var app = new FollowUpApp(azurite);
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-24T03:30:00Z")); // night: the referrer's text waits for morning
        var referral = await ReferAsync(app, referrer: new { name = "Ann Lopez", phone = "+12125550123", consentToSms = true }, prospect: new { name = "Bo", email = "bo@example.com" });
        var held = await Notifications.TwilioDeliveryTests.WaitForStateAsync(app, referral, OutboxState.Deferred, kind: MessageKinds.ReferrerThanks);

        Assert.Equal(HttpStatusCode.OK, (await EraseAsync(app, LeadImportTests.SamKey, new { phone = "+12125550123" })).StatusCode);
        app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-24T13:00:00Z"));
        await app.Get<OutboxDelivery>().HandleAsync(new QueueInvocation(new NotificationRef(referral, held.MessageId).ToBinaryData().ToString(), 1, "delayed"), Ct);

        Assert.DoesNotContain(app.Sent.All(), m => m.Kind == MessageKinds.ReferrerThanks);
        var row = (await app.OutboxAsync(referral)).Single(r => r.Kind == MessageKinds.ReferrerThanks);
        Assert.Equal((OutboxState.Suppressed, Erasure.Erased), (row.State, row.Recipient));
    }

    [Fact]
    public async Task Erasing_by_address_also_forgets_the_number_their_inquiry_gave()
    {
        await using var app = new FollowUpApp(azurite);
        var own = await app.SubmitAsync(new { name = "Lee Park", phone = LeePhone, email = LeeEmail });

        Assert.Equal(HttpStatusCode.OK, (await EraseAsync(app, LeadImportTests.SamKey, new { email = "LEE.PARK@example.com" })).StatusCode);

        Assert.Null(await app.InquiryAsync(own));
        Assert.Null(await app.Storage.FindContactAsync(ContactEntity.PhoneKey(LeePhone), Ct));
        Assert.Null(await app.Storage.FindContactAsync(ContactEntity.EmailKey(LeeEmail), Ct));
    }

    [Fact]
    public async Task Stop_start_and_stop_again_from_a_number_without_a_row_all_count()
    {
        await using var app = new FollowUpApp(azurite);
        var optOuts = app.Get<OptOuts>();

        await optOuts.SetSmsOptOutAsync("+12125550199", true, "replied STOP", app.Time.GetUtcNow(), Ct);
        await optOuts.SetSmsOptOutAsync("+12125550199", false, "replied START", app.Time.GetUtcNow(), Ct);
        Assert.False(await app.SmsOptedOutAsync("+12125550199"));
        await optOuts.SetSmsOptOutAsync("+12125550199", true, "replied STOP", app.Time.GetUtcNow(), Ct);

        Assert.True(await app.SmsOptedOutAsync("+12125550199"));
        Assert.Null(await app.Storage.FindContactAsync(ContactEntity.PhoneKey("+12125550199"), Ct)); // a mark, not the number
    }

    [Fact]
    public async Task Only_managers_erase_and_bad_input_is_named()
    {
        await using var app = new FollowUpApp(azurite);

        var notManager = await EraseAsync(app, LeadImportTests.DanaKey, new { email = LeeEmail });
        var nothing = await EraseAsync(app, LeadImportTests.SamKey, new { });
        var badPhone = await EraseAsync(app, LeadImportTests.SamKey, new { phone = "12", email = LeeEmail });

        Assert.Equal(HttpStatusCode.Forbidden, notManager.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badPhone.StatusCode);
        var errors = (await badPhone.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["phone"], errors.EnumerateObject().Select(p => p.Name));
    }

    private static async Task<HttpResponseMessage> EraseAsync(FollowUpApp app, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/staff/erasures") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await app.Client().SendAsync(request, Ct);
    }

    private static async Task<string> ReferAsync(FollowUpApp app, object referrer, object prospect)
    {
        var response = await app.PostJsonAsync("/api/referrals", new { referrer, prospect });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }
}
