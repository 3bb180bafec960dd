namespace FollowUp.Calls;

internal static class CallsExtensions
{
    /// <summary>Calls to and from the business number (Twilio Voice). Registered before staff: its <c>CALL</c> command comes first.</summary>
    public static IHostApplicationBuilder AddCalls(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CallOptions>().BindConfiguration(CallOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CallTexts>();
        services.AddSingleton<MissedCalls>();
        services.AddSingleton<AnsweredCalls>();
        services.AddSingleton<IncomingCalls>();
        services.AddSingleton<CallerRings>();
        services.AddSingleton<Voicemails>();
        services.AddSingleton<ClickToCall>();
        services.AddSingleton<CallBridges>();
        services.AddSingleton<RecordingAudio>();
        services.AddSingleton<IInboundSmsCommand, CallCommand>();
        return builder;
    }
}
