using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Calls;

/// <summary>
/// Twilio Voice's webhooks and click-to-call. Anonymous to the host: each webhook checks Twilio's signature for its
/// public URL itself, and click-to-call checks the staff credential, so a forged call changes nothing.
/// </summary>
internal sealed class CallFunctions(HttpEdge edge, StaffAuth auth)
{
    [Function("TwilioVoice")]
    [ApiOperation("A call to the business number: ring the staff on duty, or take it as missed (text-back, voicemail)", ApiCaller.Twilio, Consumes = ["application/x-www-form-urlencoded"])]
    [ApiResponse(200, ContentType = "text/xml", Description = "TwiML: what the call does next")]
    [ApiProblems(413)]
    public Task<IResult> Incoming([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Incoming, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceDialed")]
    [ApiOperation("The result of ringing the staff (its <Dial action>): a missed call becomes an inquiry and voicemail", ApiCaller.Twilio, Consumes = ["application/x-www-form-urlencoded"], Query = ["rang: who was rung in this round (the rotation rings its next person first, then the rest)"])]
    [ApiResponse(200, ContentType = "text/xml", Description = "TwiML: what the call does next")]
    [ApiProblems(413)]
    public Task<IResult> Dialed([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/dialed")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Dialed, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceAnswered")]
    [ApiOperation("A staff member answered (the <Number url> of their leg): contact made by them", ApiCaller.Twilio, Consumes = ["application/x-www-form-urlencoded"], Query = ["call: the caller's call sid", "caller: the caller's number", "staff: the staff id"])]
    [ApiResponse(200, ContentType = "text/xml", Description = "TwiML: what the call does next")]
    [ApiProblems(404, 413)]
    public Task<IResult> Answered([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/answered")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Answered, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceRecorded")]
    [ApiOperation("A voicemail was recorded (its <Record action>)", ApiCaller.Twilio, Consumes = ["application/x-www-form-urlencoded"], Query = ["inquiry: the inquiry id"])]
    [ApiResponse(200, ContentType = "text/xml", Description = "TwiML: what the call does next")]
    [ApiProblems(404, 413)]
    public Task<IResult> Recorded([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/recorded")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Recorded, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceTranscribed")]
    [ApiOperation("A voicemail's transcript (its transcribeCallback): on the timeline and to the owner", ApiCaller.Twilio, Consumes = ["application/x-www-form-urlencoded"], Query = ["inquiry: the inquiry id"])]
    [ApiResponse(204)]
    [ApiProblems(404, 413)]
    public Task<IResult> Transcribed([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/transcribed")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Transcribed, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceBridge")]
    [ApiOperation("Click-to-call: the staff member answered; dial the prospect", ApiCaller.Twilio, Consumes = ["application/x-www-form-urlencoded"], Query = ["inquiry: the inquiry id", "staff: the staff id"])]
    [ApiResponse(200, ContentType = "text/xml", Description = "TwiML: what the call does next")]
    [ApiProblems(404, 413)]
    public Task<IResult> Bridge([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/bridge")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Bridge, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceBridged")]
    [ApiOperation("Click-to-call: the prospect's leg ended (its <Dial action>); the attempt logs itself", ApiCaller.Twilio, Consumes = ["application/x-www-form-urlencoded"], Query = ["inquiry: the inquiry id", "call: the call sid"])]
    [ApiResponse(200, ContentType = "text/xml", Description = "TwiML: what the call does next")]
    [ApiProblems(404, 413)]
    public Task<IResult> Bridged([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/bridged")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.Bridged, TwilioSignature.VerifyAsync);

    [Function("TwilioVoiceMachineDetected")]
    [ApiOperation("Click-to-call: answering-machine detection's result for the prospect's leg", ApiCaller.Twilio, Consumes = ["application/x-www-form-urlencoded"], Query = ["inquiry: the inquiry id", "call: the call sid"])]
    [ApiResponse(204)]
    [ApiProblems(404, 413)]
    public Task<IResult> MachineDetected([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/voice/amd")] HttpRequest request) =>
        edge.RunAsync(request, VoiceApi.MachineDetected, TwilioSignature.VerifyAsync);

    [Function("StaffCall")]
    [ApiOperation("Click-to-call: ring the caller's mobile, then bridge to the prospect from the business number", ApiCaller.Staff)]
    [ApiResponse(202, typeof(CallApi.CallPlaced))]
    [ApiProblems(403, 404, 409)]
    public Task<IResult> Call([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/inquiries/{id}/call")] HttpRequest request) =>
        edge.RunAsync(request, CallApi.Call, auth.RequireStaffAsync);

    [Function("StaffCallRecording")]
    [ApiOperation("A call's voicemail, played through the app to staff who may see the inquiry", ApiCaller.Staff)]
    [ApiResponse(200, ContentType = "audio/mpeg", Description = "the recording")]
    [ApiProblems(403, 404, 502)]
    public Task<IResult> Recording([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/inquiries/{id}/calls/{callSid}/recording")] HttpRequest request) =>
        edge.RunAsync(request, RecordingAudio.Play, auth.RequireStaffAsync);
}
