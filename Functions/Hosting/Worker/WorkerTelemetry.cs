using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FollowUp.Hosting.Worker;

/// <summary>
/// Under the Functions host, the worker's logs (masked where they are written), its traces (the
/// function invocations, correlated with the host's by the trace context it passes, and every call to
/// storage, Twilio and SendGrid) and the app's metrics go to Application Insights through OpenTelemetry
/// and the Azure Monitor exporter. With no connection string (standalone, or a local host run) nothing
/// is exported and logs stay on the console.
/// </summary>
internal static class WorkerTelemetry
{
    public const string ConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>ClientId=…;Authorization=AAD</c>: ingest with that user-assigned identity (local auth is off in Azure).</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Every meter the app creates is named <c>FollowUp.*</c>.</summary>
    public const string Meters = "FollowUp.*";

    public static IHostApplicationBuilder AddWorkerTelemetry(this IHostApplicationBuilder builder)
    {
        var connection = builder.Configuration[ConnectionSetting];
        if (string.IsNullOrWhiteSpace(connection))
        {
            return builder;
        }

        // The Azure SDK reports its storage calls as activities only when asked to.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var credential = IdentityFrom(builder.Configuration[AuthenticationSetting]);
        builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing
                // Storage calls are traced by the Azure SDK itself (its client id header marks them).
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = request => !request.Headers.Contains("x-ms-client-request-id"))
                .AddSource("Azure.*")
                .AddProcessor(new TelemetryRedaction()))
            .WithMetrics(metrics => metrics.AddMeter(Meters))
            .UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = connection;
                if (credential is not null)
                {
                    exporter.Credential = credential;
                }
            });
        return builder;
    }

    private static TokenCredential? IdentityFrom(string? authentication)
    {
        var clientId = authentication?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .FirstOrDefault(pair => pair.Length == 2 && pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))?[1];
        return clientId is { Length: > 0 } ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)) : null;
    }
}
