using System.Net;
using System.Net.Http.Json;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Calls;

/// <summary>
/// A call staff answered is contact made by whoever answered, when they answered: the ladder stops for it. And
/// every refusal of the voice webhooks: unsigned, oversized, a callback about a call no inquiry has, a caller who
/// texted STOP, a caller erased after a STOP.
/// </summary>
public sealed class AnsweredCallTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Caller = "+12125550143";
    private TwilioBackedApp _host = null!;

    private FollowUpApp App => _host.App;

    private FakeTwilio Twilio => _host.Twilio;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await TwilioBackedApp.StartAsync(azurite);

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task An_answered_call_from_someone_with_an_open_inquiry_is_contact_by_whoever_answered_and_stops_the_ladder()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", phone = Caller, consentToSms = true });
        App.Time.Advance(TimeSpan.FromMinutes(3));
        var callSid = TwilioVoice.NewCallSid();
        var ring = await TwilioVoice.TwimlAsync(App, "/api/twilio/voice", TwilioVoice.CallFields(callSid, Caller));
        var answeredUrl = TwilioVoice.Local(ring.Element("Dial")!.Element("Number")!.Attribute("url")!.Value);

        var answered = await TwilioVoice.TwimlAsync(App, answeredUrl, TwilioVoice.CallFields(TwilioVoice.NewCallSid(), FakeTwilio.FromNumber, "in-progress")
            .With(("To", "+12125550101"), ("Direction", "outbound-dial"), ("ParentCallSid", callSid)));
        var ended = await TwilioVoice.TwimlAsync(App, "/api/twilio/voice/dialed", TwilioVoice.CallFields(callSid, Caller, "in-progress")
            .With(("DialCallStatus", "completed"), ("DialCallDuration", "95"), ("DialCallSid", TwilioVoice.NewCallSid())));

        Assert.Empty(answered.Elements()); // put through
        Assert.Single(ended.Elements("Hangup"));
        Assert.Equal([id], await App.InquiryIdsAsync());
        var inquiry = (await App.InquiryAsync(id))!;
        Assert.Equal(App.Time.GetUtcNow(), inquiry.ReachedAt);
        Assert.Equal(App.Time.GetUtcNow(), inquiry.FirstContactedAt);
        Assert.Null(inquiry.NextStep); // no reminder, lapse or escalation
        Assert.Contains(await App.TimelineAsync(id), e => e.Type == "call" && e.Actor == "dana" && e.Detail == "Dana Reyes answered a call from Lee Park.");
        App.Time.Advance(TimeSpan.FromHours(1)); // past the reminder, the promise, the escalation and "no news"
        await App.Get<FollowUp.ResponseWindows.LadderScan>().ScanOnceAsync(Ct);
        await App.SettledAsync(id);
        Assert.Equal(["acknowledgment"], (await App.OutboxAsync(id)).Select(r => r.Kind)); // no reminder, escalation or "no news", and no text-back
        Assert.Single(Twilio.Messages, m => m.To == Caller);
    }

    [Fact]
    public async Task An_answered_call_from_a_new_number_starts_an_inquiry_with_contact_made_and_no_text()
    {
        var callSid = TwilioVoice.NewCallSid();
        var answered = $"/api/twilio/voice/answered?call={callSid}&caller=%2B12125550143&staff=dana";
        await TwilioVoice.TwimlAsync(App, "/api/twilio/voice", TwilioVoice.CallFields(callSid, Caller));

        await TwilioVoice.TwimlAsync(App, answered, TwilioVoice.CallFields(TwilioVoice.NewCallSid(), FakeTwilio.FromNumber, "in-progress").With(("To", "+12125550101")));

        var id = Assert.Single(await App.InquiryIdsAsync());
        var inquiry = (await App.InquiryAsync(id))!;
        Assert.Equal(("phone call", true), (inquiry.Source, inquiry.Called));
        Assert.NotNull(inquiry.ReachedAt);
        Assert.Empty(await App.OutboxAsync(id));
        Assert.Contains(await App.TimelineAsync(id), e => e.Detail == "No text-back: the call was answered.");
    }

    [Fact]
    public async Task An_answer_twilio_delivers_twice_is_one_attempt_and_both_deliveries_are_put_through()
    {
        var callSid = TwilioVoice.NewCallSid();
        var answered = $"/api/twilio/voice/answered?call={callSid}&caller=%2B12125550143&staff=dana";
        await TwilioVoice.TwimlAsync(App, "/api/twilio/voice", TwilioVoice.CallFields(callSid, Caller));
        var leg = TwilioVoice.CallFields(TwilioVoice.NewCallSid(), FakeTwilio.FromNumber, "in-progress").With(("To", "+12125550101"));

        var first = await TwilioVoice.TwimlAsync(App, answered, leg);
        var again = await TwilioVoice.TwimlAsync(App, answered, leg);

        Assert.Equal(first.ToString(), again.ToString());
        var id = Assert.Single(await App.InquiryIdsAsync());
        Assert.Single(await App.Get<FollowUp.Staff.ContactAttempts>().AttemptsAsync(id, TestContext.Current.CancellationToken));
        Assert.Equal(1, (await App.InquiryAsync(id))!.Submissions);
    }

    [Fact]
    public async Task Unsigned_forged_and_oversized_voice_webhooks_are_refused_and_change_nothing()
    {
        var fields = TwilioVoice.CallFields(TwilioVoice.NewCallSid(), Caller).With(("DialCallStatus", "no-answer"));
        var unsigned = await App.Client().PostAsync("/api/twilio/voice/dialed", new FormUrlEncodedContent(fields), Ct);
        var forged = await TwilioVoice.PostAsync(App, "/api/twilio/voice/dialed", fields, publicBaseUrl: "https://elsewhere.example");
        var oversized = await TwilioVoice.PostAsync(App, "/api/twilio/voice", fields.With(("Padding", new string('x', 70_000))));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.RequestEntityTooLarge), (unsigned.StatusCode, forged.StatusCode, oversized.StatusCode));
        Assert.All([unsigned, forged, oversized], r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.Empty(await App.InquiryIdsAsync());
    }

    [Fact]
    public async Task Callbacks_about_a_call_no_inquiry_has_get_404_and_store_nothing()
    {
        var id = await App.SubmitAsync(new { name = "Lee Park", phone = Caller, consentToSms = true });
        var fields = TwilioVoice.CallFields(TwilioVoice.NewCallSid(), Caller, "completed");

        var recorded = await TwilioVoice.PostAsync(App, $"/api/twilio/voice/recorded?inquiry={id}", fields.With(("RecordingSid", "RE1"), ("RecordingUrl", "https://api.twilio.com/r"), ("RecordingDuration", "5")));
        var transcribed = await TwilioVoice.PostAsync(App, "/api/twilio/voice/transcribed?inquiry=20261123140000-NOSUCHID", fields.With(("TranscriptionText", "hello"), ("TranscriptionStatus", "completed")));
        var answered = await TwilioVoice.PostAsync(App, "/api/twilio/voice/answered?call=CA1&caller=%2B12125550143&staff=nobody", fields);

        Assert.All([recorded, transcribed, answered], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.All([recorded, transcribed, answered], r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.DoesNotContain(await App.TimelineAsync(id), e => e.Type.StartsWith("voicemail", StringComparison.Ordinal));
        Assert.Equal([id], await App.InquiryIdsAsync());
    }

    [Fact]
    public async Task A_caller_who_texted_stop_gets_no_text_back_but_still_becomes_an_inquiry()
    {
        await TwilioSigning.TextAsync(App, TwilioBackedApp.PublicBaseUrl, Caller, "STOP");

        await MissAsync();

        var id = Assert.Single(await App.InquiryIdsAsync());
        await App.SettledAsync(id);
        Assert.DoesNotContain(Twilio.Messages, m => m.To == Caller);
        Assert.Contains(await App.TimelineAsync(id), e => e.Detail!.StartsWith("No acknowledgment sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_caller_erased_after_a_stop_gets_no_text_back_when_they_call_again()
    {
        var first = await App.SubmitAsync(new { name = "Lee Park", phone = Caller, consentToSms = true });
        await TwilioSigning.TextAsync(App, TwilioBackedApp.PublicBaseUrl, Caller, "STOP");
        var erased = await App.AsStaffAsync(HttpMethod.Post, "/api/staff/erasures", "local-dev-only-sam-key-00000", JsonContent.Create(new { phone = Caller }));
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var textsBefore = Twilio.Messages.Count(m => m.To == Caller);

        await MissAsync();

        var id = Assert.Single(await App.InquiryIdsAsync());
        Assert.NotEqual(first, id);
        await App.SettledAsync(id);
        Assert.Equal(textsBefore, Twilio.Messages.Count(m => m.To == Caller));
    }

    private async Task MissAsync()
    {
        var callSid = TwilioVoice.NewCallSid();
        await TwilioVoice.TwimlAsync(App, "/api/twilio/voice", TwilioVoice.CallFields(callSid, Caller));
        await TwilioVoice.TwimlAsync(App, "/api/twilio/voice/dialed", TwilioVoice.CallFields(callSid, Caller, "in-progress").With(("DialCallStatus", "no-answer")));
    }
}
