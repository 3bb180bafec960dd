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
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

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

        services.AddSingleton<DeliveryMetrics>();
        services.AddSingleton<OutboxRows>();
        services.AddSingleton<OutboxRepair>();
        services.AddSingleton<IOutboxRequeue>(provider => provider.GetRequiredService<OutboxRepair>());
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<IImmediateDelivery>(provider => provider.GetRequiredService<OutboxDelivery>());
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
