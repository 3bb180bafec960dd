using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Tests.Fixtures;
using FollowUp.ResponseWindows;

namespace FollowUp.Tests.Staff;

/// <summary>
/// The staff API with three people: Amy manages Ben and Cal; Ben and Cal are on duty and take new
/// inquiries in turn (Ben first).
/// </summary>
public sealed class StaffApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AmyKey = "amy-key-0123456789abcdefghij";
    private const string BenKey = "ben-key-0123456789abcdefghij";
    private const string CalKey = "cal-key-0123456789abcdefghij";
    private FollowUpApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>();
        var people = new[] { ("amy", "Amy Test", AmyKey, "", false), ("ben", "Ben Test", BenKey, "amy", true), ("cal", "Cal Test", CalKey, "amy", true) };
        for (var i = 0; i < people.Length; i++)
        {
            var (id, name, key, manager, onDuty) = people[i];
            settings[$"FollowUp:Staff:{i}:Id"] = id;
            settings[$"FollowUp:Staff:{i}:Name"] = name;
            settings[$"FollowUp:Staff:{i}:Mobile"] = $"+121255501{20 + i}";
            settings[$"FollowUp:Staff:{i}:Email"] = $"{id}@brightside.example";
            settings[$"FollowUp:Staff:{i}:ApiKey"] = key;
            settings[$"FollowUp:Staff:{i}:Manager"] = manager;
            settings[$"FollowUp:Staff:{i}:OnDuty"] = onDuty.ToString();
        }

        _app = new FollowUpApp(azurite, settings);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Calls_without_a_valid_staff_key_get_401()
    {
        var none = await _app.Client().GetAsync("/api/staff/inquiries", Ct);
        var wrong = await SendAsync(HttpMethod.Get, "/api/staff/inquiries", "not-a-real-key-at-all-000000");
        var principalInStandalone = new HttpRequestMessage(HttpMethod.Get, "/api/staff/inquiries");
        principalInStandalone.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", "amy@brightside.example");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client().SendAsync(principalInStandalone, Ct)).StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Open_inquiries_are_listed_soonest_due_first_and_filtered_by_owner()
    {
        var first = await SubmitAsync("a@example.com");
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await SubmitAsync("b@example.com");

        var all = await (await SendAsync(HttpMethod.Get, "/api/staff/inquiries", AmyKey)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var mine = await (await SendAsync(HttpMethod.Get, "/api/staff/inquiries?owner=me", CalKey)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal([first, second], all.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal([second], mine.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Someone_who_is_not_a_manager_sees_their_own_and_unowned_inquiries_only()
    {
        var bens = await SubmitAsync("a@example.com");
        var cals = await SubmitAsync("b@example.com");
        var claim = await SendAsync(HttpMethod.Post, $"/api/staff/inquiries/{bens}/pass", BenKey); // Ben passes his to Cal: now both are Cal's
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        var third = await SubmitAsync("c@example.com"); // Ben's turn again

        var bensList = await (await SendAsync(HttpMethod.Get, "/api/staff/inquiries", BenKey)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var calsDetail = await SendAsync(HttpMethod.Get, $"/api/staff/inquiries/{cals}", BenKey);
        var amysDetail = await SendAsync(HttpMethod.Get, $"/api/staff/inquiries/{cals}", AmyKey);

        Assert.Equal([third], bensList.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.DoesNotContain("b@example.com", bensList.GetRawText());
        Assert.Equal(HttpStatusCode.Forbidden, calsDetail.StatusCode);
        Assert.DoesNotContain("b@example.com", await calsDetail.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, amysDetail.StatusCode);
    }

    [Fact]
    public async Task Inquiry_detail_shows_what_the_prospect_wrote_and_its_whole_timeline_in_order()
    {
        var id = await _app.SubmitAsync(new { name = "Pat", email = "a@example.com", message = "Burst pipe under the sink" });
        await Eventually.GetAsync(() => _app.TimelineAsync(id), t => t.Any(e => e.Type == "acknowledgment-sent"), "the acknowledgment on the timeline");
        _app.Time.Advance(TimeSpan.FromMinutes(3));
        await AttemptAsync(id, BenKey, "phone", "voicemail");

        var detail = await (await SendAsync(HttpMethod.Get, $"/api/staff/inquiries/{id}", BenKey)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal("Ben Test", detail.GetProperty("inquiry").GetProperty("owner").GetString());
        Assert.Equal("Burst pipe under the sink", detail.GetProperty("message").GetString());
        var types = detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["received", "assigned", "acknowledgment-sent", "attempt"], types.Order(new TimelineOrder()).ToList());
        Assert.True(types.IndexOf("received") < types.IndexOf("assigned"), "events of one write keep their order");
        Assert.Equal("attempt", types[^1]);
        var attempt = Assert.Single(detail.GetProperty("attempts").EnumerateArray());
        Assert.Equal(("Ben Test", "phone", "voicemail"), (attempt.GetProperty("by").GetString(), attempt.GetProperty("channel").GetString(), attempt.GetProperty("outcome").GetString()));
    }

    /// <summary>The expected story, for comparing a timeline whose same-instant events may come in either order.</summary>
    private sealed class TimelineOrder : IComparer<string?>
    {
        private static readonly string[] Story = ["received", "assigned", "acknowledgment-sent", "attempt"];

        public int Compare(string? x, string? y) => Array.IndexOf(Story, x).CompareTo(Array.IndexOf(Story, y));
    }

    [Fact]
    public async Task Two_staff_claiming_at_once_one_wins_and_the_other_is_told_who()
    {
        var id = await SubmitAsync("a@example.com"); // Ben's; Amy manages him, so she may claim it too

        var responses = await Task.WhenAll(
            SendAsync(HttpMethod.Post, $"/api/staff/inquiries/{id}/claim", BenKey),
            SendAsync(HttpMethod.Post, $"/api/staff/inquiries/{id}/claim", AmyKey));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var winner = (await _app.InquiryAsync(id))!.ClaimedBy == "ben" ? "Ben Test" : "Amy Test";
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains($"Already claimed by {winner}", (await loser.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Only_the_owner_or_a_manager_may_act_on_an_inquiry()
    {
        var id = await SubmitAsync("a@example.com"); // Ben's

        var cal = await AttemptAsync(id, CalKey, "phone", "no-answer");
        var calClaims = await SendAsync(HttpMethod.Post, $"/api/staff/inquiries/{id}/claim", CalKey);
        var calPasses = await SendAsync(HttpMethod.Post, $"/api/staff/inquiries/{id}/pass", CalKey);
        var calCloses = await CloseAsync(id, CalKey, "won");
        var amy = await AttemptAsync(id, AmyKey, "phone", "no-answer");
        var ben = await AttemptAsync(id, BenKey, "phone", "no-answer");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK), (cal.StatusCode, amy.StatusCode, ben.StatusCode));
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], new[] { calClaims.StatusCode, calPasses.StatusCode, calCloses.StatusCode });
        Assert.Contains("only a manager may claim someone else's inquiry", (await calClaims.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        var inquiry = (await _app.InquiryAsync(id))!;
        Assert.Equal(("ben", null, InquiryStatus.Open), (inquiry.OwnerId, inquiry.ClaimedBy, inquiry.Status));
    }

    [Fact]
    public async Task Attempts_past_the_cap_get_409_saying_who_tried_and_when()
    {
        var id = await SubmitAsync("a@example.com");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AttemptAsync(id, BenKey, "phone", "no-answer")).StatusCode);
            _app.Time.Advance(TimeSpan.FromHours(1));
        }

        var fourth = await AttemptAsync(id, AmyKey, "sms", "no-answer");
        _app.Time.Advance(TimeSpan.FromHours(46));
        var afterTheWindow = await AttemptAsync(id, BenKey, "phone", "no-answer");

        Assert.Equal(HttpStatusCode.Conflict, fourth.StatusCode);
        var detail = (await fourth.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
        Assert.Contains("has been contacted 3 times in the last 48 hours", detail);
        Assert.Contains("Ben Test at 2026-11-23 14:00:00Z (phone, no-answer)", detail);
        Assert.Equal(HttpStatusCode.OK, afterTheWindow.StatusCode);
    }

    [Fact]
    public async Task An_unknown_state_filter_gets_422_naming_the_state_field()
    {
        var response = await SendAsync(HttpMethod.Get, "/api/staff/inquiries?state=weird", AmyKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("'open', 'closed' or 'all'", problem.GetProperty("errors").GetProperty("state")[0].GetString());
    }

    [Fact]
    public async Task Attempt_with_unknown_channel_or_outcome_gets_422()
    {
        var id = await SubmitAsync("a@example.com");

        var response = await AttemptAsync(id, BenKey, "pigeon", "reached");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("channel", out _));
    }

    [Fact]
    public async Task Closing_as_no_response_needs_attempts_and_closing_stops_the_ladder()
    {
        var id = await SubmitAsync("a@example.com");

        var tooSoon = await CloseAsync(id, BenKey, "no-response");
        await AttemptAsync(id, BenKey, "phone", "no-answer");
        await AttemptAsync(id, BenKey, "sms", "no-answer");
        var closed = await CloseAsync(id, BenKey, "no-response");
        _app.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-23T16:00:00Z"));
        await _app.Get<LadderScan>().ScanOnceAsync(Ct);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.OK), (tooSoon.StatusCode, closed.StatusCode));
        var inquiry = (await _app.InquiryAsync(id))!;
        Assert.Equal((InquiryStatus.Closed, "no-response", null), (inquiry.Status, inquiry.Outcome, inquiry.NextStep));
        Assert.DoesNotContain(await _app.TimelineAsync(id), e => e.Type.StartsWith("ladder-"));
    }

    [Fact]
    public async Task Referrer_hears_once_when_the_referred_person_is_first_reached_and_the_ladder_stops()
    {
        var id = await _app.SubmitAsync(new { referrer = new { name = "Ann", email = "ann@example.com" }, prospect = new { name = "Bo", email = "bo@example.com" } }, "/api/referrals");

        await AttemptAsync(id, BenKey, "phone", "reached");
        await AttemptAsync(id, BenKey, "email", "emailed");

        var update = (await Eventually.GetAsync(
            () => Task.FromResult(_app.Sent.For(id).Where(m => m.Kind == MessageKinds.ReferrerUpdate).ToList()), m => m.Count > 0, "the referrer update", TimeSpan.FromSeconds(20)))[0];
        Assert.Equal("ann@example.com", update.To);
        Assert.Contains("Good news, Ann: Ben from Bright Side Plumbing has been in touch with Bo.", update.Text);
        Assert.Single(await _app.OutboxAsync(id), r => r.Kind == MessageKinds.ReferrerUpdate);
        Assert.Null((await _app.InquiryAsync(id))!.NextStep);
    }

    [Fact]
    public async Task Owner_can_pass_an_inquiry_on_and_a_closed_one_can_be_reopened()
    {
        var id = await SubmitAsync("a@example.com"); // Ben's

        var passed = await SendAsync(HttpMethod.Post, $"/api/staff/inquiries/{id}/pass", BenKey);
        await CloseAsync(id, CalKey, "won");
        var reopened = await SendAsync(HttpMethod.Post, $"/api/staff/inquiries/{id}/reopen", CalKey);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (passed.StatusCode, reopened.StatusCode));
        var inquiry = (await _app.InquiryAsync(id))!;
        Assert.Equal(("cal", InquiryStatus.Open, Ladder.Remind), (inquiry.OwnerId, inquiry.Status, inquiry.NextStep));
    }

    private Task<string> SubmitAsync(string email) => _app.SubmitAsync(new { name = "Pat", email });

    private Task<HttpResponseMessage> AttemptAsync(string id, string key, string channel, string outcome) =>
        SendAsync(HttpMethod.Post, $"/api/staff/inquiries/{id}/attempts", key, new { channel, outcome, note = "tried" });

    private Task<HttpResponseMessage> CloseAsync(string id, string key, string outcome) =>
        SendAsync(HttpMethod.Post, $"/api/staff/inquiries/{id}/close", key, new { outcome });

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return _app.Client().SendAsync(request, Ct);
    }
}
