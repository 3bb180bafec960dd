using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Calls;

/// <summary>
/// Twilio Voice's webhooks and click-to-call. Anonymous to the host: each webhook checks Twilio's signature for its
/// public URL itself, and click-to-call checks the staff credential, so a forged call changes nothing.
/// </summary>
internal sealed class CallFunctions(HttpEdge edge, StaffAuth auth)
{
    [Function("TwilioVoice")]
    public Task<IResult> Incoming([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Incoming, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceDialed")]
    public Task<IResult> Dialed([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/dialed")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Dialed, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceAnswered")]
    public Task<IResult> Answered([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/answered")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Answered, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceRecorded")]
    public Task<IResult> Recorded([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/recorded")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Recorded, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceTranscribed")]
    public Task<IResult> Transcribed([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/transcribed")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Transcribed, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceBridge")]
    public Task<IResult> Bridge([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/bridge")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Bridge, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceBridged")]
    public Task<IResult> Bridged([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/bridged")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Bridged, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceMachineDetected")]
    public Task<IResult> MachineDetected([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/amd")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.MachineDetected, TwilioSignature.VerifyAsync);

    [Function("StaffCall")]
    public Task<IResult> Call([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/inquiries/{id}/call")] HttpRequest request) =>
        edge.RunAsync(request, CallApi.Call, auth.RequireStaffAsync);

    [Function("StaffCallRecording")]
    public Task<IResult> Recording([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/inquiries/{id}/calls/{callSid}/recording")] HttpRequest request) =>
        edge.RunAsync(request, RecordingAudio.Play, auth.RequireStaffAsync);
}
