using Microsoft.Extensions.Options;

namespace FollowUp.Tests.Fixtures;

/// <summary>What an app said when its settings stopped it from starting.</summary>
public static class StartupFailure
{
    /// <summary>
    /// Starts the app (in memory) expecting a settings failure: one <see cref="OptionsValidationException"/>, or
    /// several in an <see cref="AggregateException"/> when more than one section failed. Anything else
    /// is rethrown, so an unexpected failure shows as itself.
    /// </summary>
    public static async Task<Exception> OfAsync(AzuriteFixture azurite, IDictionary<string, string?> settings)
    {
        await using var app = new FollowUpApp(azurite, settings, kestrel: false);
        var thrown = Assert.ThrowsAny<Exception>(() => app.Services);
        IEnumerable<Exception> failures = thrown is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [thrown];
        if (failures.Any(f => f is not OptionsValidationException))
        {
            throw new Xunit.Sdk.XunitException("Startup failed for another reason than settings: " + thrown);
        }

        return new Exception(string.Join(Environment.NewLine, failures.Select(f => f.Message)));
    }
}
