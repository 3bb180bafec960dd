using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Calls;

/// <summary>
/// Who rings when someone calls in opening hours (<c>FollowUp:Calls:Ring</c>): the owner rotation's next person first,
/// then the rest of the people on duty, then voicemail; or everyone on duty at once.
/// </summary>
public sealed class RingingTests(AzuriteFixture azurite)
{
    private const string Caller = "+12125550147";

    [Fact]
    public async Task By_rotation_the_next_person_rings_first_then_the_rest_then_the_caller_gets_voicemail()
    {
        await using var host = await TwilioBackedApp.StartAsync(azurite, Settings("Rotation"));
        var app = host.App;
        var callSid = TwilioVoice.NewCallSid();

        var first = (await TwilioVoice.TwimlAsync(app, "/api/twilio/voice", TwilioVoice.CallFields(callSid, Caller))).Element("Dial")!;
        var then = (await TwilioVoice.TwimlAsync(app, TwilioVoice.Local(first.Attribute("action")!.Value),
            TwilioVoice.CallFields(callSid, Caller, "in-progress").With(("DialCallStatus", "no-answer")))).Element("Dial")!;
        var last = await TwilioVoice.TwimlAsync(app, TwilioVoice.Local(then.Attribute("action")!.Value),
            TwilioVoice.CallFields(callSid, Caller, "in-progress").With(("DialCallStatus", "no-answer")));

        Assert.Equal(["+12125550103"], first.Elements("Number").Select(n => n.Value)); // bo: first in the rotation
        Assert.Equal("/api/twilio/voice/dialed?rang=bo", TwilioVoice.Local(first.Attribute("action")!.Value));
        Assert.Equal(["+12125550101"], then.Elements("Number").Select(n => n.Value));
        Assert.Equal("/api/twilio/voice/dialed", TwilioVoice.Local(then.Attribute("action")!.Value));
        Assert.Single(last.Elements("Record"));
        Assert.Single(await app.InquiryIdsAsync());
    }

    [Fact]
    public async Task With_all_everyone_on_duty_rings_at_once_and_nobody_who_is_off_duty()
    {
        await using var host = await TwilioBackedApp.StartAsync(azurite, Settings("All"));

        var dial = (await TwilioVoice.TwimlAsync(host.App, "/api/twilio/voice", TwilioVoice.CallFields(TwilioVoice.NewCallSid(), Caller))).Element("Dial")!;

        Assert.Equal(["+12125550103", "+12125550101"], dial.Elements("Number").Select(n => n.Value));
        Assert.Equal("/api/twilio/voice/dialed", TwilioVoice.Local(dial.Attribute("action")!.Value));
    }

    [Fact]
    public async Task Outside_opening_hours_nobody_rings_the_caller_gets_voicemail_and_is_still_texted_back_by_the_gates_rules()
    {
        await using var host = await TwilioBackedApp.StartAsync(azurite, Settings("All"));
        host.App.Time.Advance(TimeSpan.FromHours(10)); // Monday 19:00 in New York: closed, and quiet hours for texts

        var twiml = await TwilioVoice.TwimlAsync(host.App, "/api/twilio/voice", TwilioVoice.CallFields(TwilioVoice.NewCallSid(), Caller));

        Assert.Empty(twiml.Elements("Dial"));
        Assert.Single(twiml.Elements("Record"));
        var id = Assert.Single(await host.App.InquiryIdsAsync());
        var text = Assert.Single(await host.App.OutboxAsync(id));
        Assert.Equal(("acknowledgment", "called-us"), (text.Kind, text.Consent));
    }

    private static Dictionary<string, string?> Settings(string ring) => new()
    {
        ["FollowUp:Calls:Ring"] = ring,
        ["FollowUp:Staff:2:Id"] = "bo", ["FollowUp:Staff:2:Name"] = "Bo Lind", ["FollowUp:Staff:2:Mobile"] = "+12125550103",
    };
}
