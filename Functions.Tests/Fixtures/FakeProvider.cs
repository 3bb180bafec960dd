using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FollowUp.Tests.Fixtures;

/// <summary>How a fake provider answers one send. Unscripted sends are accepted.</summary>
public abstract record FakeReply
{
    public static readonly FakeReply Accept = new AcceptReply();

    public static FakeReply Error(int status, int code, string message) => new ErrorReply(status, code, message);

    public static FakeReply TooManyRequests(int retryAfterSeconds) => new TooManyReply(retryAfterSeconds);

    /// <summary>The provider takes the message, then answers only after <paramref name="delay"/> (the caller has given up).</summary>
    public static FakeReply AcceptSlowly(TimeSpan delay) => new SlowReply(delay);

    /// <summary>The connection drops; <paramref name="afterAccepting"/> says whether the provider kept the message.</summary>
    public static FakeReply Drop(bool afterAccepting) => new DropReply(afterAccepting);

    public sealed record AcceptReply : FakeReply;

    public sealed record ErrorReply(int Status, int Code, string Message) : FakeReply;

    public sealed record TooManyReply(int RetryAfterSeconds) : FakeReply;

    public sealed record SlowReply(TimeSpan Delay) : FakeReply;

    public sealed record DropReply(bool AfterAccepting) : FakeReply;
}

/// <summary>A provider's HTTP API on loopback Kestrel, answering each send as scripted.</summary>
public abstract class FakeProvider : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private WebApplication? _app;
    private int _sendRequests;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The provider's clock; tests set it to the app's fake clock, as both share one world.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Every send request that reached the provider, accepted or not.</summary>
    public int SendRequests => _sendRequests;

    /// <summary>Answers for the next sends, in order.</summary>
    public void Script(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected static async Task<T> StartAsync<T>(T fake)
        where T : FakeProvider
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        fake.Map(app);
        await app.StartAsync();
        fake._app = app;
        fake.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return fake;
    }

    protected abstract void Map(WebApplication app);

    protected FakeReply NextReply()
    {
        Interlocked.Increment(ref _sendRequests);
        return _script.TryDequeue(out var reply) ? reply : FakeReply.Accept;
    }
}
