using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Calls;

/// <summary>
/// A voicemail's recording stays with its inquiry, played to staff only through the app with their key (never a public
/// link), and erasure deletes it at Twilio before the inquiry goes; if Twilio will not delete it, the inquiry stays.
/// </summary>
public sealed class VoicemailPrivacyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Caller = "+12125550145";
    private const string Recording = "RE00000000000000000000000000000145";
    private const string DanaKey = "local-dev-only-dana-key-0000";
    private const string SamKey = "local-dev-only-sam-key-00000";
    private const string BoKey = "bo-key-for-voicemail-tests-00000";
    private TwilioBackedApp _host = null!;

    private FollowUpApp App => _host.App;

    private FakeTwilio Twilio => _host.Twilio;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await TwilioBackedApp.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["FollowUp:Staff:2:Id"] = "bo", ["FollowUp:Staff:2:Name"] = "Bo Lind", ["FollowUp:Staff:2:OnDuty"] = "false", ["FollowUp:Staff:2:ApiKey"] = BoKey,
    });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Staff_hear_a_voicemail_through_the_app_with_their_key_and_nobody_else_does()
    {
        var callSid = await TwilioVoice.MissWithVoicemailAsync(App, Caller, Recording);
        var id = Assert.Single(await App.InquiryIdsAsync());

        var detail = await (await App.AsStaffAsync(HttpMethod.Get, $"/api/staff/inquiries/{id}", DanaKey)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var call = Assert.Single(detail.GetProperty("calls").EnumerateArray());
        var path = call.GetProperty("recording").GetString()!;
        var played = await App.AsStaffAsync(HttpMethod.Get, path, DanaKey);
        var anonymous = await App.Client().GetAsync(path, Ct);
        var notTheirs = await App.AsStaffAsync(HttpMethod.Get, path, BoKey);
        var noSuchCall = await App.AsStaffAsync(HttpMethod.Get, $"/api/staff/inquiries/{id}/calls/{TwilioVoice.NewCallSid()}/recording", DanaKey);

        Assert.Equal((callSid, "missed", 12), (call.GetProperty("callSid").GetString(), call.GetProperty("outcome").GetString(), call.GetProperty("voicemailSeconds").GetInt32()));
        Assert.Equal($"/api/staff/inquiries/{id}/calls/{callSid}/recording", path);
        Assert.DoesNotContain("twilio.com", detail.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.Equal("audio/mpeg", played.Content.Headers.ContentType?.MediaType);
        Assert.Equal(FakeTwilio.Audio(Recording), await played.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound), (anonymous.StatusCode, notTheirs.StatusCode, noSuchCall.StatusCode));
    }

    [Fact]
    public async Task Erasing_a_caller_deletes_their_voicemail_at_twilio_and_then_the_inquiry()
    {
        await TwilioVoice.MissWithVoicemailAsync(App, Caller, Recording);

        var report = await (await EraseAsync()).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal([Recording], Twilio.DeletedRecordings);
        Assert.Equal((1, 0), (report.GetProperty("inquiriesDeleted").GetInt32(), report.GetProperty("inquiriesKept").GetInt32()));
        Assert.Empty(await App.InquiryIdsAsync());
    }

    [Fact]
    public async Task A_voicemail_recorded_after_the_caller_was_erased_is_deleted_at_twilio_and_answered_404()
    {
        var callSid = TwilioVoice.NewCallSid();
        await TwilioVoice.TwimlAsync(App, "/api/twilio/voice", TwilioVoice.CallFields(callSid, Caller));
        var voicemail = await TwilioVoice.TwimlAsync(App, "/api/twilio/voice/dialed", TwilioVoice.CallFields(callSid, Caller, "in-progress").With(("DialCallStatus", "no-answer")));
        await EraseAsync(); // while the caller is still speaking

        var recorded = await TwilioVoice.PostAsync(App, TwilioVoice.Local(voicemail.Element("Record")!.Attribute("action")!.Value),
            TwilioVoice.CallFields(callSid, Caller, "completed").With(("RecordingSid", Recording), ("RecordingDuration", "12"),
                ("RecordingUrl", $"https://api.twilio.com/2010-04-01/Accounts/{FakeTwilio.AccountSid}/Recordings/{Recording}")));

        Assert.Equal(HttpStatusCode.NotFound, recorded.StatusCode);
        Assert.Equal([Recording], Twilio.DeletedRecordings);
        Assert.Empty(await App.InquiryIdsAsync());
    }

    [Fact]
    public async Task When_twilio_will_not_delete_the_voicemail_the_inquiry_stays_until_the_erasure_is_asked_again()
    {
        await TwilioVoice.MissWithVoicemailAsync(App, Caller, Recording);
        await App.SettledAsync(Assert.Single(await App.InquiryIdsAsync()));
        Twilio.Script(FakeReply.Error(503, 20503, "Service Unavailable"));

        var first = await (await EraseAsync()).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var kept = await App.InquiryIdsAsync();
        var second = await (await EraseAsync()).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal((0, 1), (first.GetProperty("inquiriesDeleted").GetInt32(), first.GetProperty("inquiriesKept").GetInt32()));
        Assert.Single(kept);
        Assert.Equal((1, 0), (second.GetProperty("inquiriesDeleted").GetInt32(), second.GetProperty("inquiriesKept").GetInt32()));
        Assert.Equal([Recording], Twilio.DeletedRecordings);
        Assert.Empty(await App.InquiryIdsAsync());
    }

    [Fact]
    public async Task The_retention_purge_deletes_an_expired_inquirys_voicemail_at_twilio_with_it()
    {
        await TwilioVoice.MissWithVoicemailAsync(App, Caller, Recording);
        App.Time.Advance(TimeSpan.FromDays(731));

        await App.Get<FollowUp.Privacy.RetentionPurge>().PurgeExpiredAsync(Ct); // the daily timer may run it too

        Assert.Equal([Recording], Twilio.DeletedRecordings.Distinct());
        Assert.Empty(await App.InquiryIdsAsync());
    }

    private Task<HttpResponseMessage> EraseAsync() =>
        App.AsStaffAsync(HttpMethod.Post, "/api/staff/erasures", SamKey, JsonContent.Create(new { phone = Caller }));
}
