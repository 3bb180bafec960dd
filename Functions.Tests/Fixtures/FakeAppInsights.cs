using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FollowUp.Tests.Fixtures;

/// <summary>
/// Application Insights' ingestion endpoint on loopback: takes the Track API's POST <c>/v2.1/track</c>
/// (gzip, one JSON telemetry envelope per line), keeps every item, and answers as Breeze does.
/// </summary>
public sealed class FakeAppInsights : IAsyncDisposable
{
    public const string InstrumentationKey = "00000000-0000-0000-0000-00000000f011";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _items = new();

    private FakeAppInsights(WebApplication app) => _app = app;

    /// <summary>Every telemetry envelope received: <c>name</c> is its type, <c>data.baseData</c> its content, <c>tags</c> its context.</summary>
    public IReadOnlyList<JsonElement> Items => [.. _items];

    public string ConnectionString => $"InstrumentationKey={InstrumentationKey};IngestionEndpoint={_app.Urls.First()}/";

    public static async Task<FakeAppInsights> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeAppInsights(app);
        app.MapPost("/v2.1/track", (Delegate)fake.TrackAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>Items of one type (<c>Message</c>, <c>Metric</c>, <c>Request</c>, <c>RemoteDependency</c>…), named with or without their namespace.</summary>
    public IEnumerable<JsonElement> OfType(string type) =>
        Items.Where(item => item.GetProperty("name").GetString() is { } name && (name == type || name.EndsWith("." + type, StringComparison.Ordinal)));

    private async Task<IResult> TrackAsync(HttpContext context)
    {
        Stream body = context.Request.Body;
        if (context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(body, CompressionMode.Decompress);
        }

        using var reader = new StreamReader(body);
        var count = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                _items.Enqueue(JsonDocument.Parse(line).RootElement.Clone());
                count++;
            }
        }

        return Results.Json(new { itemsReceived = count, itemsAccepted = count, errors = Array.Empty<object>() });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
