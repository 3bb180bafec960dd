using Azure;
using FollowUp.Core;
using FollowUp.Hosting;
using Microsoft.Extensions.Options;

namespace FollowUp.Tests.Hosting;

/// <summary>What a failed start says: each problem named once, by its setting or by the storage endpoint and the fix.</summary>
[Trait("Category", "Unit")]
public sealed class StartupLinesTests
{
    private static readonly Uri Tables = new("http://127.0.0.1:10002/devstoreaccount1");

    [Fact]
    public void A_setting_a_validator_names_in_full_is_named_once()
    {
        var options = new TimerOptions { ScanDueWindows = "", RepairOutbox = "0 * * * * *", PurgeExpired = "0 0 3 * * *", WeeklySummary = "0 0 8 * * 1", RollUpReports = "0 5 0 * * *" };
        var failure = new DataAnnotationValidateOptions<TimerOptions>(null).Validate(null, options);

        var problem = Assert.Single(StartupErrors.SettingProblems(new OptionsValidationException("", typeof(TimerOptions), failure.Failures)));

        Assert.StartsWith("FollowUp:Timers:ScanDueWindows ''", problem);
    }

    [Fact]
    public void Azurite_refusing_the_api_version_is_told_to_skip_the_check()
    {
        var refusal = new RequestFailedException(400, "The API version 2026-10-06 is not supported by Azurite. Please upgrade Azurite to latest version and retry.", "InvalidHeaderValue", null);

        var line = StorageProblems.Explain(new AggregateException(refusal), Tables);

        Assert.StartsWith("the storage emulator at http://127.0.0.1:10002 refuses", line);
        Assert.Contains("--skipApiVersionCheck", line);
    }

    [Fact]
    public void Refused_credentials_name_the_setting_and_the_roles()
    {
        var line = StorageProblems.Explain(new RequestFailedException(403, "Server failed to authenticate the request.", "AuthenticationFailed", null), Tables);

        Assert.Contains("refuses the credentials in AzureWebJobsStorage (AuthenticationFailed)", line);
    }

    [Fact]
    public void A_network_failure_inside_the_sdk_retries_names_the_endpoint()
    {
        var refused = new RequestFailedException("Connection refused (127.0.0.1:10002)", new HttpRequestException("Connection refused (127.0.0.1:10002)"));

        var line = StorageProblems.Explain(new AggregateException("Retry failed after 2 tries.", refused, refused), Tables);

        Assert.StartsWith("storage at http://127.0.0.1:10002 does not answer (Connection refused (127.0.0.1:10002))", line);
    }

    [Fact]
    public void Anything_else_is_left_to_its_stack_trace()
    {
        Assert.Null(StorageProblems.Explain(new RequestFailedException(409, "TableBeingDeleted", "TableBeingDeleted", null), Tables));
        Assert.Null(StorageProblems.Explain(new InvalidOperationException("a bug"), Tables));
    }
}
