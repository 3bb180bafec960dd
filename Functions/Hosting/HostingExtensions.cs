using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FollowUp.Hosting;

internal static class HostingExtensions
{
    /// <summary>
    /// Picks the mode (standalone or custom handler) and the address to listen on, and registers
    /// what runs the functions: storage start-up, and in standalone mode the queue listener and timers.
    /// </summary>
    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        var mode = HostingMode.From(builder.Configuration);
        if (mode.CustomHandlerPort is { } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(HostingMode.StandaloneUrl);
        }

        // Read again when the container is built, so test hosts can switch mode through configuration.
        builder.Services.AddSingleton(services => HostingMode.From(services.GetRequiredService<IConfiguration>()));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<QueueWakeUp>();
        builder.Services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        builder.Services.AddExceptionHandler<StorageUnavailableProblems>();
        // A body that does not bind raises BadHttpRequestException everywhere (not only in Development), so
        // BadRequestProblems answers it the same way in every environment: a problem naming the parameter.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        // Hosted services start in this order: storage first, then what reads it.
        builder.Services.AddHostedService<StorageStartup>();
        builder.Services.AddHostedService<StandaloneQueueListener>();
        builder.Services.AddHostedService<StandaloneTimers>();
        return builder;
    }

    /// <summary>The HTTP pipeline shared by every feature, and the host's invocation endpoints.</summary>
    public static WebApplication UseHosting(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A refused request is logged once, by its handler, not as an unhandled error.
            SuppressDiagnosticsCallback = context =>
                context.Exception is BadHttpRequestException || StorageUnavailableProblems.IsStorageUnavailable(context.Exception),
        });
        app.UseStatusCodePages();
        app.UseCors();
        app.UseRateLimiter();
        if (app.Services.GetRequiredService<HostingMode>().IsCustomHandler)
        {
            app.MapFunctionInvocations();
        }

        return app;
    }
}
