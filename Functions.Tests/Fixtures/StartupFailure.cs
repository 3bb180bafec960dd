using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FollowUp.Tests.Fixtures;

/// <summary>What the app says when its settings stop it from starting.</summary>
public static class StartupFailure
{
    /// <summary>
    /// Builds the app with its own service registrations and runs the checks it runs at startup
    /// (<see cref="IStartupValidator"/>), without starting a host. Expects one
    /// <see cref="OptionsValidationException"/>, or several in an <see cref="AggregateException"/>;
    /// anything else is rethrown, so an unexpected failure shows as itself.
    /// </summary>
    public static async Task<Exception> OfAsync(AzuriteFixture azurite, IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = Path.Combine(Published.RepoRoot, "Functions"),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["FollowUp:Business:Name"] = "Bright Side Plumbing",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddFollowUp(HostingMode.Standalone);
        await using var app = builder.Build();

        var thrown = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());
        IEnumerable<Exception> failures = thrown is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [thrown];
        if (failures.Any(f => f is not OptionsValidationException))
        {
            throw new Xunit.Sdk.XunitException("Startup failed for another reason than settings: " + thrown);
        }

        return new Exception(string.Join(Environment.NewLine, failures.Select(f => f.Message)));
    }
}
