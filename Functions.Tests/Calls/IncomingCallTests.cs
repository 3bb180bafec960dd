using System.Diagnostics;
using System.Net;
using System.Xml.Linq;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Calls;

/// <summary>
/// Calls to the business number, driven by signed webhooks exactly as Twilio Voice sends them: in hours the
/// on-duty mobile rings; a call nobody answers becomes one inquiry with one text-back and voicemail; repeat
/// calls join it without a second text, and the third pages the owner and their manager.
/// </summary>
public sealed class IncomingCallTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Caller = "+12125550142";
    private const string Dana = "+12125550101";
    private const string Sam = "+12125550102";
    private TwilioBackedApp _host = null!;

    private FollowUpApp App => _host.App;

    private FakeTwilio Twilio => _host.Twilio;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset _start;

    public async ValueTask InitializeAsync()
    {
        _host = await TwilioBackedApp.StartAsync(azurite);
        _start = App.Time.GetUtcNow();
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_call_in_hours_dials_the_on_duty_mobile_from_the_business_number_with_an_action_url()
    {
        var callSid = TwilioVoice.NewCallSid();

        var twiml = await TwilioVoice.TwimlAsync(App, "/api/twilio/voice", TwilioVoice.CallFields(callSid, Caller));

        var dial = Assert.Single(twiml.Elements("Dial"));
        Assert.Equal(FakeTwilio.FromNumber, dial.Attribute("callerId")?.Value);
        Assert.Equal("20", dial.Attribute("timeout")?.Value);
        Assert.Equal("/api/twilio/voice/dialed", TwilioVoice.Local(dial.Attribute("action")!.Value));
        var number = Assert.Single(dial.Elements("Number"));
        Assert.Equal(Dana, number.Value);
        Assert.Equal($"/api/twilio/voice/answered?call={callSid}&caller=%2B12125550142&staff=dana", TwilioVoice.Local(number.Attribute("url")!.Value));
        Assert.Empty(await App.InquiryIdsAsync()); // ringing is no inquiry yet
    }

    [Fact]
    public async Task A_missed_call_becomes_one_inquiry_offers_voicemail_and_texts_the_caller_back_within_5_seconds()
    {
        var clock = Stopwatch.StartNew();
        var twiml = await MissAsync(TwilioVoice.NewCallSid(), "no-answer");
        var text = await SmsToAsync(Caller, 1);
        clock.Stop();

        var id = Assert.Single(await App.InquiryIdsAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"text-back took {clock.Elapsed}");
        Assert.Equal("Sorry we missed your call to Bright Side Plumbing. Dana will call you back by 9:15 AM today. Reply here to text us, or STOP to opt out.", text.Body);
        var inquiry = (await App.InquiryAsync(id))!;
        Assert.Equal(("missed call", true, "dana", Caller), (inquiry.Source, inquiry.Called, inquiry.OwnerId, inquiry.Phone));
        Assert.Equal("called-us", Assert.Single(await App.OutboxAsync(id)).Consent);
        Assert.Equal("Thanks for calling Bright Side Plumbing. Sorry we missed you. Please leave a message after the beep, and we will call you back.",
            twiml.Element("Say")?.Value);
        var record = Assert.Single(twiml.Elements("Record"));
        Assert.Equal(("120", "true"), (record.Attribute("maxLength")?.Value, record.Attribute("transcribe")?.Value));
        Assert.Equal($"/api/twilio/voice/recorded?inquiry={id}", TwilioVoice.Local(record.Attribute("action")!.Value));
        Assert.Equal($"/api/twilio/voice/transcribed?inquiry={id}", TwilioVoice.Local(record.Attribute("transcribeCallback")!.Value));
    }

    [Fact]
    public async Task Repeat_calls_join_the_open_inquiry_without_a_second_text_and_the_third_pages_owner_and_manager()
    {
        await MissAsync(TwilioVoice.NewCallSid(), "no-answer");
        await SmsToAsync(Caller, 1);
        App.Time.Advance(TimeSpan.FromMinutes(5));
        await MissAsync(TwilioVoice.NewCallSid(), "busy");
        var id = Assert.Single(await App.InquiryIdsAsync());
        await App.SettledAsync(id);
        Assert.Equal("acknowledgment", Assert.Single(await App.OutboxAsync(id)).Kind); // the second call sent nothing

        App.Time.Advance(TimeSpan.FromMinutes(5));
        await MissAsync(TwilioVoice.NewCallSid(), "canceled");

        var page = await UrgentPageToAsync(Dana);
        var managerPage = await UrgentPageToAsync(Sam);
        Assert.Equal(page.Body, managerPage.Body);
        Assert.StartsWith($"FollowUp {id[^6..]} URGENT: Caller ending 0142 (+12125550142) has called 3 times in 30 min", page.Body);
        Assert.Single(await App.InquiryIdsAsync());
        await App.SettledAsync(id);
        Assert.Single(Twilio.Messages, m => m.To == Caller);
        var inquiry = (await App.InquiryAsync(id))!;
        Assert.NotNull(inquiry.UrgentAt);
        Assert.Equal(3, inquiry.Submissions);
        Assert.Contains(await App.TimelineAsync(id), e => e.Type == "urgent" && e.Detail!.Contains("Paged Dana Reyes and Sam Ortiz"));

        App.Time.Advance(TimeSpan.FromMinutes(1));
        await MissAsync(TwilioVoice.NewCallSid(), "no-answer"); // the fourth pages nobody again
        await App.SettledAsync(id);
        Assert.Single(Twilio.Messages, m => m.To == Dana && m.Body.Contains("URGENT"));
    }

    [Fact]
    public async Task Calls_that_keep_the_count_at_three_in_the_window_page_once()
    {
        var id = "";
        foreach (var minute in new[] { 0, 10, 20, 31, 42 })
        {
            App.Time.Advance(TimeSpan.FromMinutes(minute) - (App.Time.GetUtcNow() - _start));
            await MissAsync(TwilioVoice.NewCallSid(), "no-answer");
            id = Assert.Single(await App.InquiryIdsAsync());
            await App.SettledAsync(id);
        }

        Assert.Equal(5, (await App.InquiryAsync(id))!.Submissions);
        Assert.Single(Twilio.Messages, m => m.To == Dana && m.Body.Contains("URGENT"));
        Assert.Single(Twilio.Messages, m => m.To == Sam && m.Body.Contains("URGENT"));
        Assert.Single(await App.TimelineAsync(id), e => e.Type == "urgent");
    }

    [Fact]
    public async Task A_call_from_a_premium_rate_number_is_answered_like_a_withheld_one_with_no_ringing_inquiry_or_text()
    {
        const string premium = "+19005550123";
        var callSid = TwilioVoice.NewCallSid();

        var twiml = await TwilioVoice.TwimlAsync(App, "/api/twilio/voice", TwilioVoice.CallFields(callSid, premium));
        var dialed = await TwilioVoice.TwimlAsync(App, "/api/twilio/voice/dialed", TwilioVoice.CallFields(callSid, premium, "in-progress").With(("DialCallStatus", "no-answer")));

        Assert.Empty(twiml.Elements("Dial"));
        Assert.Empty(twiml.Elements("Record"));
        Assert.Empty(dialed.Elements("Record"));
        Assert.Empty(await App.InquiryIdsAsync());
        Assert.Empty(Twilio.Messages);
    }

    [Fact]
    public async Task A_transcribed_voicemail_reaches_the_owner_by_text_with_the_code_and_stays_on_the_timeline()
    {
        var callSid = TwilioVoice.NewCallSid();
        await MissAsync(callSid, "no-answer");
        var id = Assert.Single(await App.InquiryIdsAsync());
        var fields = TwilioVoice.CallFields(callSid, Caller, "completed");

        var hangup = await TwilioVoice.TwimlAsync(App, $"/api/twilio/voice/recorded?inquiry={id}", fields.With(
            ("RecordingSid", "RE0123456789abcdef0123456789abcdef"), ("RecordingUrl", $"https://api.twilio.com/2010-04-01/Accounts/{FakeTwilio.AccountSid}/Recordings/RE0123456789abcdef0123456789abcdef"),
            ("RecordingDuration", "42"), ("Digits", "hangup")));
        var transcribed = await TwilioVoice.PostAsync(App, $"/api/twilio/voice/transcribed?inquiry={id}", fields.With(
            ("TranscriptionSid", "TR0123456789abcdef0123456789abcdef"), ("TranscriptionText", "Hi, my kitchen sink is leaking, please call me back."),
            ("TranscriptionStatus", "completed"), ("TranscriptionUrl", "https://api.twilio.com/2010-04-01/Accounts/x/Transcriptions/TR0"),
            ("RecordingSid", "RE0123456789abcdef0123456789abcdef"), ("RecordingUrl", "https://api.twilio.com/x")));

        Assert.Single(hangup.Elements("Hangup"));
        Assert.Equal(HttpStatusCode.NoContent, transcribed.StatusCode);
        var text = await SmsToAsync(Dana, 1);
        Assert.Equal($"Caller ending 0142 left a voicemail ({id[^6..]}, 42 s): Hi, my kitchen sink is leaking, please call me back. Reply CALL {id[^6..]} to call back.", text.Body);
        var timeline = await App.TimelineAsync(id);
        Assert.Contains(timeline, e => e.Type == "voicemail" && e.Detail!.Contains("42 s"));
        Assert.Contains(timeline, e => e.Type == "voicemail-transcript" && e.Detail!.Contains("kitchen sink"));
    }

    [Fact]
    public async Task A_voicemail_without_a_transcript_tells_the_owner_its_length()
    {
        var callSid = TwilioVoice.NewCallSid();
        await MissAsync(callSid, "no-answer");
        var id = Assert.Single(await App.InquiryIdsAsync());
        var fields = TwilioVoice.CallFields(callSid, Caller, "completed");
        await TwilioVoice.TwimlAsync(App, $"/api/twilio/voice/recorded?inquiry={id}", fields.With(("RecordingSid", "RE1"), ("RecordingUrl", "https://api.twilio.com/r"), ("RecordingDuration", "7")));

        await TwilioVoice.PostAsync(App, $"/api/twilio/voice/transcribed?inquiry={id}", fields.With(("TranscriptionStatus", "failed"), ("RecordingSid", "RE1")));

        Assert.Contains("(" + id[^6..] + ", 7 s): no transcript.", (await SmsToAsync(Dana, 1)).Body);
    }

    private async Task<XElement> MissAsync(string callSid, string dialStatus)
    {
        await TwilioVoice.TwimlAsync(App, "/api/twilio/voice", TwilioVoice.CallFields(callSid, Caller));
        return await TwilioVoice.TwimlAsync(App, "/api/twilio/voice/dialed", TwilioVoice.CallFields(callSid, Caller, "in-progress").With(
            ("DialCallStatus", dialStatus), ("DialCallSid", TwilioVoice.NewCallSid())));
    }

    private async Task<FakeSms> UrgentPageToAsync(string to) =>
        (await Eventually.GetAsync(() => Task.FromResult(Twilio.Messages.Where(m => m.To == to && m.Body.Contains("URGENT")).ToList()), sent => sent.Count > 0, $"a page to {to}"))[0];

    private Task<FakeSms> SmsToAsync(string to, int nth) =>
        Eventually.GetAsync(() => Task.FromResult(Twilio.Messages.Where(m => m.To == to).ToList()), sent => sent.Count >= nth, $"text {nth} to {to}")
            .ContinueWith(t => t.Result[nth - 1], TaskScheduler.Default);
}
