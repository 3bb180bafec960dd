namespace FollowUp.Staff;

internal static class StaffExtensions
{
    public static IHostApplicationBuilder AddStaff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ContactPolicyOptions>().BindConfiguration(ContactPolicyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<InquiryChanges>();
        builder.Services.AddSingleton<StaffActions>();
        builder.Services.AddSingleton<ContactAttempts>();
        builder.Services.AddSingleton<ICallAttempts, CallAttempts>();
        builder.Services.AddSingleton<AnswerRelay>();
        builder.Services.AddSingleton<IInboundSmsCommand, StaffSmsCommands>(); // staff first: their texts are commands
        builder.Services.AddSingleton<ReplyForwards>();
        builder.Services.AddSingleton<PartyReplies>();
        builder.Services.AddSingleton<IInboundSmsCommand>(services => services.GetRequiredService<PartyReplies>());
        builder.Services.AddSingleton<IInboundReplies>(services => services.GetRequiredService<PartyReplies>());
        builder.Services.AddSingleton<IProspectRequests, ProspectRequests>();
        return builder;
    }
}
