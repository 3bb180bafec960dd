namespace FollowUp.Calls;

/// <summary>The voice webhooks' paths; the number's Voice URL is <see cref="Incoming"/>, the rest are named in the TwiML the app answers.</summary>
internal static class VoicePaths
{
    public const string Incoming = "/api/twilio/voice";
    public const string Dialed = "/api/twilio/voice/dialed";
    public const string Answered = "/api/twilio/voice/answered";
    public const string Recorded = "/api/twilio/voice/recorded";
    public const string Transcribed = "/api/twilio/voice/transcribed";
    public const string Bridge = "/api/twilio/voice/bridge";
    public const string Bridged = "/api/twilio/voice/bridged";
    public const string MachineDetected = "/api/twilio/voice/amd";
}
