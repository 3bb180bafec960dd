namespace FollowUp.Staff;

internal static class StaffExtensions
{
    public static IHostApplicationBuilder AddStaff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<StaffDirectory>();
        builder.Services.AddSingleton<OwnerRotation>();
        builder.Services.AddOptions<ContactPolicyOptions>().BindConfiguration(ContactPolicyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<InquiryWork>();
        builder.Services.AddSingleton<InquiryVisibility>();
        builder.Services.AddSingleton<StaffAuth>();
        builder.Services.AddSingleton<Webhooks.IInboundSmsCommand, StaffSmsCommands>(); // staff first: their texts are commands
        builder.Services.AddSingleton<PartyReplies>();
        builder.Services.AddSingleton<Webhooks.IInboundSmsCommand>(services => services.GetRequiredService<PartyReplies>());
        builder.Services.AddSingleton<Core.IInboundReplies>(services => services.GetRequiredService<PartyReplies>());
        builder.Services.AddHostedService<StaffSeeder>();
        return builder;
    }
}
