using FollowUp.Hosting;

namespace FollowUp.Notifications;

internal static class NotificationsExtensions
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LocalSinkOptions>().BindConfiguration(LocalSinkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LocalSink>();
        builder.Services.AddSingleton<ISmsSender>(services => services.GetRequiredService<LocalSink>());
        builder.Services.AddSingleton<IEmailSender>(services => services.GetRequiredService<LocalSink>());
        builder.Services.AddSingleton<Acknowledgments>();
        builder.Services.AddSingleton<OutboxQueue>();
        builder.Services.AddSingleton<OutboxSweep>();
        builder.Services.AddSingleton<IQueueFunction, SendNotification>();
        return builder;
    }
}
