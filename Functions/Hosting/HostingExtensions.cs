using FollowUp.Hosting.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FollowUp.Hosting;

internal static class HostingExtensions
{
    /// <summary>What both modes need to run the functions: the HTTP edge, its problem answers, storage start-up, the OpenAPI document.</summary>
    public static IHostApplicationBuilder AddHosting(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiDescription>();
        builder.Services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Hosted services start in this order: storage first, then what reads it.
        builder.Services.AddSingleton<StorageStartup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StorageStartup>());
        return builder;
    }
}
