using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using FollowUp.Staff;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Calls;

/// <summary>
/// Click-to-call: the staff API (or <c>CALL CODE</c> by text) has Twilio ring the staff member's mobile from the
/// business number; answered, the app bridges them to the prospect, and the bridge's result logs the attempt by itself.
/// </summary>
public sealed class ClickToCallTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PublicBaseUrl = TwilioBackedApp.PublicBaseUrl;
    private const string Prospect = "+12125550144";
    private const string Dana = "+12125550101";
    private const string DanaKey = "local-dev-only-dana-key-0000";
    private const string BoKey = "bo-key-for-click-to-call-tests-0000";
    private TwilioBackedApp _host = null!;

    private FollowUpApp App => _host.App;

    private FakeTwilio Twilio => _host.Twilio;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await TwilioBackedApp.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["FollowUp:Staff:2:Id"] = "bo", ["FollowUp:Staff:2:Name"] = "Bo Lind", ["FollowUp:Staff:2:Mobile"] = "+12125550103",
        ["FollowUp:Staff:2:OnDuty"] = "false", ["FollowUp:Staff:2:ApiKey"] = BoKey,
    });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Click_to_call_rings_the_staff_mobile_then_bridges_to_the_prospect_and_logs_reached_by_itself()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", phone = Prospect, consentToSms = true });

        var response = await CallAsync(id, DanaKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var call = Assert.Single(Twilio.Calls);
        Assert.Equal((Dana, FakeTwilio.FromNumber, $"{PublicBaseUrl}/api/twilio/voice/bridge?inquiry={id}&staff=dana", "20"), (call.To, call.From, call.Url, call.Timeout));
        Assert.Equal(call.Sid, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("callSid").GetString());

        var dial = XDocument.Parse(await Twilio.AnswerAsync(call, App.Client(), PublicBaseUrl)).Root!.Element("Dial")!;
        Assert.Equal(FakeTwilio.FromNumber, dial.Attribute("callerId")?.Value);
        var number = dial.Element("Number")!;
        Assert.Equal((Prospect, "Enable"), (number.Value, number.Attribute("machineDetection")?.Value));
        var bridged = TwilioVoice.Local(dial.Attribute("action")!.Value);
        Assert.Equal($"/api/twilio/voice/bridged?inquiry={id}&staff=dana&call={call.Sid}", bridged);
        Assert.Single(Twilio.TwimlFetches);

        App.Time.Advance(TimeSpan.FromMinutes(2));
        var ended = await TwilioVoice.TwimlAsync(App, bridged, Leg(call).With(("DialCallStatus", "completed"), ("DialCallDuration", "95"), ("DialCallSid", TwilioVoice.NewCallSid())));

        Assert.Single(ended.Elements("Hangup"));
        var attempt = Assert.Single(await App.Get<ContactAttempts>().AttemptsAsync(id, Ct));
        Assert.Equal(("dana", "phone", "reached", App.Time.GetUtcNow()), (attempt.StaffId, attempt.Channel, attempt.Outcome, attempt.At));
        var inquiry = (await App.InquiryAsync(id))!;
        Assert.Equal(App.Time.GetUtcNow(), inquiry.ReachedAt);
        Assert.Null(inquiry.NextStep);
        Assert.Contains(await App.TimelineAsync(id), e => e.Type == "call" && e.Detail!.Contains("measured by the call"));
    }

    [Theory]
    [InlineData("completed", "8", null, "no-answer")]
    [InlineData("no-answer", "0", null, "no-answer")]
    [InlineData("completed", "31", "machine_end_beep", "voicemail")]
    public async Task A_short_unanswered_or_machine_answered_bridge_logs_what_it_was_and_the_owner_is_reminded_to_try_again(
        string dialStatus, string seconds, string? answeredBy, string outcome)
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", phone = Prospect, consentToSms = true });
        await CallAsync(id, DanaKey);
        var call = Assert.Single(Twilio.Calls);
        var dial = XDocument.Parse(await Twilio.AnswerAsync(call, App.Client(), PublicBaseUrl)).Root!.Element("Dial")!;
        if (answeredBy is not null)
        {
            var amd = TwilioVoice.Local(dial.Element("Number")!.Attribute("amdStatusCallback")!.Value);
            Assert.Equal(HttpStatusCode.NoContent, (await TwilioVoice.PostAsync(App, amd, Leg(call).With(("AnsweredBy", answeredBy)))).StatusCode);
        }

        await TwilioVoice.TwimlAsync(App, TwilioVoice.Local(dial.Attribute("action")!.Value), Leg(call).With(("DialCallStatus", dialStatus), ("DialCallDuration", seconds)));

        Assert.Equal(outcome, Assert.Single(await App.Get<ContactAttempts>().AttemptsAsync(id, Ct)).Outcome);
        var inquiry = (await App.InquiryAsync(id))!;
        Assert.Null(inquiry.ReachedAt);
        Assert.Equal("follow-up", inquiry.NextStep);
    }

    [Fact]
    public async Task CALL_with_a_code_by_text_places_the_call_to_the_senders_mobile()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", phone = Prospect, consentToSms = true });

        var replies = TwilioSigning.Replies(await TwilioSigning.TextAsync(App, PublicBaseUrl, Dana, $"call {id[^6..].ToLowerInvariant()}"));

        Assert.Equal($"FollowUp {id[^6..]}: calling you now; answer to be put through to Lee Park.", Assert.Single(replies));
        Assert.Equal(Dana, Assert.Single(Twilio.Calls).To);
    }

    [Fact]
    public async Task CALL_without_a_code_or_with_an_unknown_one_places_no_call()
    {
        await App.SubmitAsync(new { name = "Lee Park", phone = Prospect, consentToSms = true });

        var bare = TwilioSigning.Replies(await TwilioSigning.TextAsync(App, PublicBaseUrl, Dana, "CALL"));
        var unknown = TwilioSigning.Replies(await TwilioSigning.TextAsync(App, PublicBaseUrl, Dana, "CALL 7K2QXM"));

        Assert.Equal("FollowUp: which inquiry? Add its code, e.g. CALL 7K2QXM.", Assert.Single(bare));
        Assert.Equal("FollowUp: no open inquiry has the code 7K2QXM. Nothing was changed.", Assert.Single(unknown));
        Assert.Empty(Twilio.Calls);
    }

    [Fact]
    public async Task Click_to_call_is_refused_without_a_key_for_someone_elses_inquiry_an_unknown_one_and_past_the_attempt_cap()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", phone = Prospect, consentToSms = true });
        var unsigned = await App.Client().PostAsync($"/api/staff/inquiries/{id}/call", null, Ct);
        var notTheirs = await CallAsync(id, BoKey);
        var unknown = await CallAsync("20261123140000-NOSUCHAB", DanaKey);
        for (var i = 0; i < 3; i++)
        {
            var logged = await App.AsStaffAsync(HttpMethod.Post, $"/api/staff/inquiries/{id}/attempts", DanaKey, JsonContent.Create(new { channel = "phone", outcome = "no-answer" }));
            Assert.Equal(HttpStatusCode.OK, logged.StatusCode);
        }

        var capped = await CallAsync(id, DanaKey);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Conflict),
            (unsigned.StatusCode, notTheirs.StatusCode, unknown.StatusCode, capped.StatusCode));
        Assert.All([unsigned, notTheirs, unknown, capped], r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.Empty(Twilio.Calls);
    }

    [Fact]
    public async Task A_second_click_to_call_while_the_first_still_rings_is_refused_and_places_no_second_call()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", phone = Prospect, consentToSms = true });

        var first = await CallAsync(id, DanaKey);
        var second = await CallAsync(id, DanaKey);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode));
        Assert.Contains("already ringing", await second.Content.ReadAsStringAsync(Ct));
        Assert.Single(Twilio.Calls);
    }

    [Fact]
    public async Task When_twilio_refuses_the_call_only_its_error_code_is_logged_never_the_staff_mobile()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", phone = Prospect, consentToSms = true });
        await App.SettledAsync(id); // the acknowledgment is sent first
        Twilio.Script(FakeReply.Error(400, 21211, $"The 'To' number {Dana} is not a valid phone number."));

        var refused = await CallAsync(id, DanaKey);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(App.Logs.GetSnapshot(), r => r.Message.Contains($"click-to-call on inquiry {id} (error 21211)", StringComparison.Ordinal));
        Assert.DoesNotContain(App.Logs.GetSnapshot(), r => r.Message.Contains(Dana, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Click_to_call_to_a_premium_rate_number_is_refused_and_places_no_call()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", phone = Prospect, consentToSms = true });
        var inquiry = (await App.InquiryAsync(id))!;
        inquiry.Phone = "+19005550123"; // as an imported lead or an older inquiry may have it
        await App.Storage.Inquiries.UpdateEntityAsync(inquiry, inquiry.ETag, Azure.Data.Tables.TableUpdateMode.Replace, Ct);

        var refused = await CallAsync(id, DanaKey);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("premium-rate", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Empty(Twilio.Calls);
    }

    [Fact]
    public async Task A_bridge_or_its_result_for_a_call_the_inquiry_does_not_have_gets_404_and_logs_nothing()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", phone = Prospect, consentToSms = true });
        var stranger = new FakeCall(TwilioVoice.NewCallSid(), Dana, FakeTwilio.FromNumber, "", "20", App.Time.GetUtcNow());

        var bridge = await TwilioVoice.PostAsync(App, $"/api/twilio/voice/bridge?inquiry={id}&staff=dana", Leg(stranger));
        var bridged = await TwilioVoice.PostAsync(App, $"/api/twilio/voice/bridged?inquiry={id}&staff=dana&call={stranger.Sid}", Leg(stranger).With(("DialCallStatus", "completed"), ("DialCallDuration", "60")));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (bridge.StatusCode, bridged.StatusCode));
        Assert.Empty(await App.Get<ContactAttempts>().AttemptsAsync(id, Ct));
    }

    private Task<HttpResponseMessage> CallAsync(string id, string key) => App.AsStaffAsync(HttpMethod.Post, $"/api/staff/inquiries/{id}/call", key);

    /// <summary>What Twilio posts about the staff leg of a placed call.</summary>
    private static Dictionary<string, string> Leg(FakeCall call) => TwilioVoice.CallFields(call.Sid, FakeTwilio.FromNumber, "in-progress")
        .With(("To", call.To), ("Direction", "outbound-api"), ("Caller", FakeTwilio.FromNumber), ("Called", call.To));
}
