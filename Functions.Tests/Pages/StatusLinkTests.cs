using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Leads;

namespace FollowUp.Tests.Pages;

/// <summary>
/// The status link at the HTTP level: in every acknowledgment, stored only as a hash, unknown links say nothing,
/// and a link ends (410) at erasure and 14 days after its inquiry closes, and goes with the retention period.
/// </summary>
public sealed class StatusLinkTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_acknowledgment_carries_a_link_whose_token_storage_keeps_only_as_a_hash()
    {
        await using var app = StatusPages.App(azurite);
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" });

        var path = await StatusPages.LinkPathAsync(app, id);
        var token = path[StatusLinks.PathPrefix.Length..];

        Assert.Equal(StatusLinks.Hash(token), (await app.InquiryAsync(id))!.StatusLinkHash);
        var link = await app.Storage.Runtime.GetEntityAsync<StatusLinkEntity>(StatusLinkEntity.Partition, StatusLinks.Hash(token), cancellationToken: Ct);
        Assert.Equal(id, link.Value.InquiryId);
        var rows = await Eventually.GetAsync(
            async () => await app.Storage.Inquiries.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == id, cancellationToken: Ct).ToListAsync(Ct),
            all => all.Any(r => r.GetString("State") == OutboxState.Sent),
            "the acknowledgment recorded as sent");
        Assert.DoesNotContain(rows.SelectMany(r => r.Select(column => column.Value)).OfType<string>(), value => value.Contains(token, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync(path, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_texted_acknowledgment_carries_the_whole_link_within_two_segments()
    {
        await using var twilio = await TwilioBackedApp.StartAsync(azurite);
        var id = await twilio.App.SubmitAsync(new { name = "Alexandra Smith", phone = "+12125550160", consentToSms = true, preferredChannel = "sms" });

        var sms = (await Eventually.GetAsync(() => Task.FromResult(twilio.Twilio.Messages.Where(m => m.To == "+12125550160").ToList()), sent => sent.Count > 0, "the texted acknowledgment"))[0];

        var link = System.Text.RegularExpressions.Regex.Match(sms.Body, "https://followup\\.example(/api/pages/p/[A-Za-z0-9_-]{22}) ");
        Assert.True(link.Success, sms.Body);
        Assert.Equal((2, "GSM-7"), SmsSegments.Count(sms.Body));
        Assert.Equal(HttpStatusCode.OK, (await twilio.App.Client().GetAsync(link.Groups[1].Value, Ct)).StatusCode);
        Assert.Equal(StatusLinks.Hash(link.Groups[1].Value[StatusLinks.PathPrefix.Length..]), (await twilio.App.InquiryAsync(id))!.StatusLinkHash);
    }

    [Fact]
    public async Task A_changed_token_answers_404_and_reveals_nothing()
    {
        await using var app = StatusPages.App(azurite);
        var (id, path) = await StatusPages.AnaAsync(app);
        var changed = path[..^1] + (path[^1] == 'A' ? 'B' : 'A');

        foreach (var wrong in new[] { changed, StatusLinks.PathPrefix + "short", StatusLinks.PathPrefix + new string('%', 22) })
        {
            var response = await app.Client().GetAsync(wrong, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("Ana", body);
        }

        var post = await StatusPages.PostAsync(app, changed + "/sorted");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(InquiryStatus.Open, (await app.InquiryAsync(id))!.Status);
    }

    [Fact]
    public async Task After_erasure_the_link_answers_410()
    {
        await using var app = StatusPages.App(azurite);
        var (id, path) = await StatusPages.AnaAsync(app);

        var erase = new HttpRequestMessage(HttpMethod.Post, "/api/staff/erasures") { Content = JsonContent.Create(new { email = "ana@example.com" }) };
        erase.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LeadImportTests.SamKey);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().SendAsync(erase, Ct)).StatusCode);

        var page = await app.Client().GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.DoesNotContain("Ana", await page.Content.ReadAsStringAsync(Ct));
        var link = await app.Storage.Runtime.GetEntityAsync<StatusLinkEntity>(StatusLinkEntity.Partition, StatusLinks.Hash(path[StatusLinks.PathPrefix.Length..]), cancellationToken: Ct);
        Assert.Null(link.Value.InquiryId);
        Assert.Equal(HttpStatusCode.Gone, (await StatusPages.PostAsync(app, path + "/sorted")).StatusCode);
    }

    [Fact]
    public async Task The_daily_purge_deletes_links_made_before_the_retention_period_with_their_inquiries()
    {
        await using var app = StatusPages.App(azurite, new Dictionary<string, string?> { ["FollowUp:Retention:KeepInquiriesFor"] = "30.00:00:00" });
        var old = await StatusPages.LinkPathAsync(app, await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" }));
        app.Time.Advance(TimeSpan.FromDays(29));
        var recent = await StatusPages.LinkPathAsync(app, await app.SubmitAsync(new { name = "Bo Chen", email = "bo@example.com" }));
        app.Time.Advance(TimeSpan.FromDays(2));

        await app.Get<FollowUp.Privacy.RetentionPurge>().PurgeExpiredAsync(Ct);

        Assert.False((await app.Storage.Runtime.GetEntityIfExistsAsync<StatusLinkEntity>(StatusLinkEntity.Partition, StatusLinks.Hash(old[StatusLinks.PathPrefix.Length..]), cancellationToken: Ct)).HasValue);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync(old, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync(recent, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_closed_inquirys_page_shows_it_closed_for_14_days_then_answers_410()
    {
        await using var app = StatusPages.App(azurite);
        var (id, path) = await StatusPages.AnaAsync(app);
        var close = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/inquiries/{id}/close") { Content = JsonContent.Create(new { outcome = "won" }) };
        close.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LeadImportTests.SamKey);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().SendAsync(close, Ct)).StatusCode);

        app.Time.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        var stillShown = await app.Client().GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, stillShown.StatusCode);
        Assert.Contains("This request is closed.", await stillShown.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain("data-action=\"sorted\"", await stillShown.Content.ReadAsStringAsync(Ct));

        app.Time.Advance(TimeSpan.FromMinutes(1));
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        var ended = await app.Client().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Gone, ended.StatusCode);
        Assert.Contains("This status page has ended.", await ended.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain("Ana", await ended.Content.ReadAsStringAsync(Ct));
    }
}
