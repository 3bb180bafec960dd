using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Calls;

/// <summary>
/// The speed-to-lead report counts calls per owner and per source: answered, missed, texted back (and how fast),
/// voicemails, click-to-calls and their outcome, and which first contacts were measured by a call rather than typed in.
/// </summary>
public sealed class CallReportTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string DanaKey = "local-dev-only-dana-key-0000";
    private const string SamKey = "local-dev-only-sam-key-00000";
    private TwilioBackedApp _host = null!;

    private FollowUpApp App => _host.App;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await TwilioBackedApp.StartAsync(azurite);

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_report_counts_calls_answered_missed_texted_back_voicemails_and_callbacks_and_which_first_contacts_were_measured()
    {
        // A caller missed twice (one text-back, one voicemail); a caller Dana answered; a form lead Dana called back; a form lead with a typed-in attempt.
        await TwilioVoice.MissWithVoicemailAsync(App, "+12125550150", "RE00000000000000000000000000000150");
        var again = TwilioVoice.NewCallSid();
        await TwilioVoice.TwimlAsync(App, "/api/twilio/voice/dialed", TwilioVoice.CallFields(again, "+12125550150", "in-progress").With(("DialCallStatus", "busy")));
        await TwilioVoice.TwimlAsync(App, $"/api/twilio/voice/answered?call={TwilioVoice.NewCallSid()}&caller=%2B12125550151&staff=dana",
            TwilioVoice.CallFields(TwilioVoice.NewCallSid(), FakeTwilio.FromNumber, "in-progress"));
        var calledBack = await App.SubmitAsync(new { name = "Lee Park", phone = "+12125550152", consentToSms = true });
        await SendAsync(HttpMethod.Post, $"/api/staff/inquiries/{calledBack}/call", DanaKey);
        var call = Assert.Single(_host.Twilio.Calls);
        var dial = XDocument.Parse(await _host.Twilio.AnswerAsync(call, App.Client(), TwilioBackedApp.PublicBaseUrl)).Root!.Element("Dial")!;
        await TwilioVoice.TwimlAsync(App, TwilioVoice.Local(dial.Attribute("action")!.Value), TwilioVoice.CallFields(call.Sid, FakeTwilio.FromNumber, "in-progress")
            .With(("DialCallStatus", "completed"), ("DialCallDuration", "95")));
        var typed = await App.SubmitAsync(new { name = "Bo Chen", email = "bo@example.com" });
        await SendAsync(HttpMethod.Post, $"/api/staff/inquiries/{typed}/attempts", DanaKey, JsonContent.Create(new { channel = "email", outcome = "emailed" }));
        await App.SettledAsync([.. await App.InquiryIdsAsync()]);

        var report = await (await SendAsync(HttpMethod.Get, "/api/staff/report", SamKey)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var total = report.GetProperty("total").GetProperty("calls");
        Assert.Equal((1, 2, 1, 0.0, 1, 1, 1, 2), Calls(total));
        var sources = report.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!, s => s.GetProperty("calls"));
        Assert.Equal((0, 2, 1, 0.0, 1, 0, 0, 0), Calls(sources["missed call"]));
        Assert.Equal((1, 0, 0, (double?)null, 0, 0, 0, 1), Calls(sources["phone call"]));
        Assert.Equal((0, 0, 0, (double?)null, 0, 1, 1, 1), Calls(sources["web form"]));
        var dana = report.GetProperty("owners").EnumerateArray().Single(o => o.GetProperty("key").GetString() == "dana");
        Assert.Equal(2, dana.GetProperty("calls").GetProperty("firstContactsByCall").GetInt32());
    }

    private static (int, int, int, double?, int, int, int, int) Calls(JsonElement c) => (
        c.GetProperty("answered").GetInt32(), c.GetProperty("missed").GetInt32(), c.GetProperty("textedBack").GetInt32(),
        c.GetProperty("medianTextBackSeconds").ValueKind == JsonValueKind.Null ? null : c.GetProperty("medianTextBackSeconds").GetDouble(),
        c.GetProperty("voicemails").GetInt32(), c.GetProperty("callbacks").GetInt32(), c.GetProperty("callbacksReached").GetInt32(), c.GetProperty("firstContactsByCall").GetInt32());

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, HttpContent? body = null)
    {
        var response = await App.AsStaffAsync(method, path, key, body);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode}");
        return response;
    }
}
