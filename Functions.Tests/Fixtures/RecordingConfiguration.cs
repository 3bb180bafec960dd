using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace FollowUp.Tests.Fixtures;

/// <summary>
/// A configuration source that holds nothing and records every key asked of it. Added last, it is
/// asked first for every key the app reads, whichever provider answers in the end.
/// </summary>
public sealed class RecordingConfiguration : IConfigurationSource
{
    public ConcurrentDictionary<string, byte> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(Keys);

    private sealed class Provider(ConcurrentDictionary<string, byte> keys) : ConfigurationProvider
    {
        public override bool TryGet(string key, out string? value)
        {
            keys.TryAdd(key, 0);
            value = null;
            return false;
        }
    }
}
