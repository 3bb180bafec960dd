using FollowUp.Hosting;
using FollowUp.Webhooks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace FollowUp.Notifications;

internal static class NotificationsExtensions
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LocalSinkOptions>().BindConfiguration(LocalSinkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.SectionName).ValidateOnStart();
        services.AddOptions<SendGridOptions>().BindConfiguration(SendGridOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwilioOptions>, UnresolvedSecretValidator>();
        services.AddSingleton<IValidateOptions<SendGridOptions>, UnresolvedSecretValidator>();
        services.AddSingleton(provider =>
        {
            var sendGrid = provider.GetRequiredService<IOptions<SendGridOptions>>().Value;
            return new Core.ReplyAddresses(sendGrid.ReplyAddressKey is { Length: > 0 } key ? key : sendGrid.InboundParseKey, sendGrid.InboundDomain);
        });
        services.AddOptions<PublicUrlOptions>().BindConfiguration(PublicUrlOptions.SectionName);
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QuietHoursOptions>().BindConfiguration(QuietHoursOptions.SectionName).ValidateOnStart();
        services.AddOptions<TemplateOptions>().BindConfiguration(TemplateOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TemplateOptions>, TemplateValidator>();
        services.AddSingleton<MessageTemplates>();
        services.AddHostedService<SmsTemplateReport>();
        services.AddSingleton<IValidateOptions<SmsOptions>, ProviderSettingsValidator>();
        services.AddSingleton<IValidateOptions<EmailOptions>, ProviderSettingsValidator>();

        services.AddTransient<TwilioBaseUrlHandler>();
        AddProviderClient(builder, TwilioSmsSender.ClientName, (_, _) => { })
            .AddHttpMessageHandler<TwilioBaseUrlHandler>();
        AddProviderClient(builder, SendGridEmailSender.ClientName, (_, _) => { });

        services.AddSingleton<LocalSink>();
        services.AddSingleton<TwilioSmsSender>();
        services.AddSingleton<SendGridEmailSender>();
        services.AddSingleton<ISmsSender>(provider => provider.GetRequiredService<IOptions<SmsOptions>>().Value.Provider == SmsOptions.Twilio
            ? provider.GetRequiredService<TwilioSmsSender>()
            : provider.GetRequiredService<LocalSink>());
        services.AddSingleton<IEmailSender>(provider => provider.GetRequiredService<IOptions<EmailOptions>>().Value.Provider == EmailOptions.SendGrid
            ? provider.GetRequiredService<SendGridEmailSender>()
            : provider.GetRequiredService<LocalSink>());

        services.AddOptions<SmsLimitsOptions>().BindConfiguration(SmsLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SmsDestinations>();
        services.AddSingleton<QuietHours>();
        services.AddSingleton<DeliveryMetrics>();
        services.AddSingleton<Acknowledgments>();
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton<OutboxSweep>();
        services.AddSingleton<DailyTextCounter>();
        services.AddSingleton<ManagerNotices>();
        services.AddSingleton<ReferrerThanksClaim>();
        services.AddSingleton<StaffTextCap>();
        services.AddSingleton<OutboundGate>();
        services.AddSingleton<SendNotification>();
        return builder;
    }

    /// <summary>
    /// A provider's HTTP client: the standard pipeline (total timeout, retry, circuit breaker, attempt
    /// timeout), with retries only for safe methods (lookups). A send is never retried here; the outbox
    /// decides, after looking the message up. Timeouts run on the system clock: they pace real network
    /// I/O, and must fire even where business time is a test's fake clock.
    /// </summary>
    private static IHttpClientBuilder AddProviderClient(IHostApplicationBuilder builder, string name, Action<IServiceProvider, HttpClient> configure)
    {
        var client = builder.Services.AddHttpClient(name, configure);
        client
            .AddResilienceHandler("provider", (pipeline, context) =>
            {
                var timeout = context.ServiceProvider.GetRequiredService<IOptions<DeliveryOptions>>().Value.ProviderTimeout;
                pipeline.TimeProvider = TimeProvider.System;
                var retry = new HttpRetryStrategyOptions { MaxRetryAttempts = 2 };
                retry.DisableForUnsafeHttpMethods();
                pipeline
                    .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = timeout * 3 })
                    .AddRetry(retry)
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions { SamplingDuration = timeout * 2 })
                    .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = timeout });
            });
        return client;
    }
}
