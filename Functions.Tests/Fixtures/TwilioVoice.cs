using System.Xml.Linq;

namespace FollowUp.Tests.Fixtures;

/// <summary>
/// Twilio Voice's side of the voice webhooks, written from its documentation: the fields it posts about a call
/// (<c>CallSid</c>, <c>From</c>, <c>To</c>, <c>CallStatus</c>, <c>Direction</c>…) plus each callback's own
/// (<c>DialCallStatus</c>, <c>RecordingSid</c>, <c>TranscriptionText</c>…), signed for the URL it calls.
/// </summary>
public static class TwilioVoice
{
    public static string NewCallSid() => "CA" + Guid.NewGuid().ToString("N");

    /// <summary>What Twilio posts about an inbound call to the business number.</summary>
    public static Dictionary<string, string> CallFields(string callSid, string from, string status = "ringing") => new()
    {
        ["CallSid"] = callSid, ["AccountSid"] = FakeTwilio.AccountSid, ["From"] = from, ["To"] = FakeTwilio.FromNumber, ["Caller"] = from,
        ["Called"] = FakeTwilio.FromNumber, ["CallStatus"] = status, ["Direction"] = "inbound", ["ApiVersion"] = "2010-04-01",
        ["FromCountry"] = "US", ["ToCountry"] = "US",
    };

    /// <summary>The fields with more of a callback's own.</summary>
    public static Dictionary<string, string> With(this Dictionary<string, string> fields, params (string Name, string Value)[] more)
    {
        var all = new Dictionary<string, string>(fields);
        foreach (var (name, value) in more)
        {
            all[name] = value;
        }

        return all;
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="pathAndQuery"/>, signed as Twilio signs it for the app's public URL.</summary>
    public static async Task<HttpResponseMessage> PostAsync(FollowUpApp app, string pathAndQuery, IDictionary<string, string> fields, string publicBaseUrl = TwilioBackedApp.PublicBaseUrl)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(TwilioSigning.Header, TwilioSigning.Sign(FakeTwilio.AuthToken, publicBaseUrl + pathAndQuery, fields));
        return await app.Client().SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts signed and reads the TwiML answer, which must be 200 text/xml.</summary>
    public static async Task<XElement> TwimlAsync(FollowUpApp app, string pathAndQuery, IDictionary<string, string> fields)
    {
        var response = await PostAsync(app, pathAndQuery, fields);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return root;
    }

    /// <summary>A call from <paramref name="caller"/> nobody answered, and the voicemail it left; the call's sid.</summary>
    public static async Task<string> MissWithVoicemailAsync(FollowUpApp app, string caller, string recordingSid, int seconds = 12)
    {
        var callSid = NewCallSid();
        await TwimlAsync(app, "/api/twilio/voice", CallFields(callSid, caller));
        var voicemail = await TwimlAsync(app, "/api/twilio/voice/dialed", CallFields(callSid, caller, "in-progress").With(("DialCallStatus", "no-answer")));
        var recorded = Local(voicemail.Element("Record")!.Attribute("action")!.Value);
        await TwimlAsync(app, recorded, CallFields(callSid, caller, "completed").With(
            ("RecordingSid", recordingSid), ("RecordingUrl", $"https://api.twilio.com/2010-04-01/Accounts/{FakeTwilio.AccountSid}/Recordings/{recordingSid}"),
            ("RecordingDuration", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return callSid;
    }

    /// <summary>The path and query of an absolute URL in TwiML that points at the app's public URL.</summary>
    public static string Local(string url, string publicBaseUrl = TwilioBackedApp.PublicBaseUrl)
    {
        Assert.StartsWith(publicBaseUrl + "/", url, StringComparison.Ordinal);
        return url[publicBaseUrl.Length..];
    }
}
