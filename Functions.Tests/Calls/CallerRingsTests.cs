using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Calls;

/// <summary>How often one number can ring staff phones: <c>FollowUp:Calls:RingsPerHour</c> calls an hour, then voicemail.</summary>
public sealed class CallerRingsTests(AzuriteFixture azurite)
{
    private const string Caller = "+12125550142";
    private const string Other = "+12125550143";

    [Fact]
    public async Task Past_its_rings_for_the_hour_a_number_goes_straight_to_voicemail_and_the_next_hour_rings_again()
    {
        await using var host = await TwilioBackedApp.StartAsync(azurite, new Dictionary<string, string?> { ["FollowUp:Calls:RingsPerHour"] = "2" });
        var app = host.App;

        async Task<string> AnswerAsync(string from)
        {
            var twiml = await TwilioVoice.TwimlAsync(app, "/api/twilio/voice", TwilioVoice.CallFields(TwilioVoice.NewCallSid(), from));
            return twiml.Elements("Dial").Any() ? "ring" : twiml.Elements("Record").Any() ? "voicemail" : twiml.ToString();
        }

        var calls = new List<string> { await AnswerAsync(Caller), await AnswerAsync(Caller), await AnswerAsync(Caller), await AnswerAsync(Other) };
        app.Time.Advance(TimeSpan.FromHours(1));
        calls.Add(await AnswerAsync(Caller));

        Assert.Equal(["ring", "ring", "voicemail", "ring", "ring"], calls);
        Assert.Single(await app.InquiryIdsAsync()); // the call sent to voicemail is a missed call
    }
}
