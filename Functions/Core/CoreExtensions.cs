using Microsoft.Extensions.Options;

namespace FollowUp.Core;

internal static class CoreExtensions
{
    /// <summary>
    /// The shared core every feature stands on: the business, its hours and the promise ladder; the staff
    /// directory and how staff are known; the words sent to people and the one outbound gate they pass; the
    /// providers' settings; opt-outs and the marks of the erased; the HTTP edge.
    /// </summary>
    public static IHostApplicationBuilder AddCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BusinessOptions>().BindConfiguration(BusinessOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ResponseWindowOptions>().BindConfiguration(ResponseWindowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TimerOptions>().BindConfiguration(TimerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LadderOptions>().BindConfiguration(LadderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LeadImportOptions>().BindConfiguration(LeadImportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SubmissionValidator>();
        services.AddSingleton<BusinessCalendar>();
        services.AddSingleton<InquiryCodes>();
        services.AddSingleton<Ladder>();
        services.AddSingleton<DueIndex>();

        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<OwnerRotation>();
        services.AddSingleton<StaffAuth>();
        services.AddSingleton<InquiryVisibility>();
        services.AddSingleton<StaffThreads>();
        services.AddSingleton<StaffSeeder>();
        services.AddHostedService(provider => provider.GetRequiredService<StaffSeeder>());

        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.SectionName).ValidateOnStart();
        services.AddOptions<SendGridOptions>().BindConfiguration(SendGridOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PublicUrlOptions>().BindConfiguration(PublicUrlOptions.SectionName);
        services.AddSingleton<IValidateOptions<TwilioOptions>, UnresolvedSecretValidator>();
        services.AddSingleton<TwilioClients>();
        services.AddSingleton<TwilioRecordings>();
        services.AddSingleton<IValidateOptions<SendGridOptions>, UnresolvedSecretValidator>();
        services.AddSingleton<IValidateOptions<SmsOptions>, ProviderSettingsValidator>();
        services.AddSingleton<IValidateOptions<EmailOptions>, ProviderSettingsValidator>();
        services.AddSingleton(provider => ReplyAddresses.From(provider.GetRequiredService<IOptions<SendGridOptions>>().Value));

        services.AddOptions<TemplateOptions>().BindConfiguration(TemplateOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TemplateOptions>, TemplateValidator>();
        services.AddSingleton<MessageTemplates>();
        services.AddSingleton<StatusLinks>();
        services.AddOptions<StatusPageOptions>().BindConfiguration(StatusPageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<SmsTemplateReport>();
        services.AddOptions<QuietHoursOptions>().BindConfiguration(QuietHoursOptions.SectionName).ValidateOnStart();
        services.AddOptions<SmsLimitsOptions>().BindConfiguration(SmsLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SmsDestinations>();
        services.AddSingleton<QuietHours>();
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton<QueueWakeUp>();
        services.AddSingleton<DailyTextCounter>();
        services.AddSingleton<ManagerNotices>();
        services.AddSingleton<ReferrerThanksClaim>();
        services.AddSingleton<StaffTextCap>();
        services.AddSingleton<OutboundGate>();
        services.AddSingleton<ErasedMarks>();
        services.AddSingleton<OptOuts>();

        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestProblems>();
        services.AddExceptionHandler<StorageUnavailableProblems>();
        services.AddSingleton<HttpEdge>();
        return builder;
    }
}
