using System.Xml.Linq;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using Twilio.Types;

namespace FollowUp.Calls;

/// <summary>
/// The TwiML answers of the voice webhooks, built with Twilio's <see cref="VoiceResponse"/>. Every URL in them is
/// the app's public URL, so Twilio signs its requests to them and their query cannot be forged.
/// </summary>
internal static class VoiceTwiml
{
    /// <summary>
    /// Rings <paramref name="staff"/> at once, showing the business number; each answer is reported to the app before the caller is
    /// put through. <paramref name="first"/>: they are the rotation's first round, and the rest ring next if nobody answers.
    /// </summary>
    public static string Ring(IReadOnlyList<StaffEntity> staff, string callSid, string caller, string businessNumber, TimeSpan ringFor, PublicUrlOptions urls, bool first = false)
    {
        var action = VoicePaths.Dialed + (first ? $"?rang={Uri.EscapeDataString(staff[0].Id)}" : "");
        var dial = new Dial(action: new Uri(urls.UrlFor(action)), callerId: businessNumber, timeout: (int)ringFor.TotalSeconds);
        foreach (var person in staff)
        {
            dial.Number(new PhoneNumber(person.Mobile), url: new Uri(urls.UrlFor(
                $"{VoicePaths.Answered}?call={Uri.EscapeDataString(callSid)}&caller={Uri.EscapeDataString(caller)}&staff={Uri.EscapeDataString(person.Id)}")));
        }

        return Xml(new VoiceResponse().Append(dial));
    }

    /// <summary>The greeting, then a recording of at most <paramref name="max"/>, transcribed by Twilio; both reported for the inquiry.</summary>
    public static string Voicemail(string greeting, string inquiryId, TimeSpan max, PublicUrlOptions urls)
    {
        var query = $"?inquiry={Uri.EscapeDataString(inquiryId)}";
        return Xml(new VoiceResponse()
            .Say(greeting)
            .Record(
                action: new Uri(urls.UrlFor(VoicePaths.Recorded + query)),
                maxLength: (int)max.TotalSeconds,
                transcribe: true,
                transcribeCallback: new Uri(urls.UrlFor(VoicePaths.Transcribed + query))));
    }

    /// <summary>For a caller with no number to answer: the greeting's first words, and goodbye.</summary>
    public static string Closed(string words) => Xml(new VoiceResponse().Say(words).Hangup());

    /// <summary>A click-to-call's staff leg, answered: dial the prospect from the business number, with answering-machine detection.</summary>
    public static string Bridge(string prospect, string callerId, TimeSpan ringFor, string inquiryId, string staffId, string callSid, PublicUrlOptions urls)
    {
        var query = $"?inquiry={Uri.EscapeDataString(inquiryId)}&staff={Uri.EscapeDataString(staffId)}&call={Uri.EscapeDataString(callSid)}";
        var dial = new Dial(action: new Uri(urls.UrlFor(VoicePaths.Bridged + query)), callerId: callerId, timeout: (int)ringFor.TotalSeconds);
        dial.Number(new PhoneNumber(prospect), machineDetection: "Enable", amdStatusCallback: urls.UrlFor(VoicePaths.MachineDetected + query));
        return Xml(new VoiceResponse().Append(dial));
    }

    /// <summary>Connects (the answer to a <c>&lt;Number url&gt;</c>), or ends the call when nothing else is to be done.</summary>
    public static string Connect() => Xml(new VoiceResponse());

    public static string Hangup() => Xml(new VoiceResponse().Hangup());

    private static string Xml(VoiceResponse response) => response.ToString(SaveOptions.DisableFormatting);
}
