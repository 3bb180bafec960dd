using System.Net.Sockets;
using Azure;

namespace FollowUp.Hosting;

/// <summary>
/// What went wrong when storage was first used, said in one line that names the fix: an Azurite that
/// refuses the SDK's API version, storage that does not answer, credentials it refuses. Anything else
/// is not explained (null) and keeps its stack trace.
/// </summary>
internal static class StorageProblems
{
    /// <summary>The start of Azurite's refusal (it goes on to name <c>--skipApiVersionCheck</c>).</summary>
    private const string AzuriteRefusesVersion = "is not supported by Azurite";

    public static string? Explain(Exception exception, Uri endpoint)
    {
        var where = $"{endpoint.Scheme}://{endpoint.Authority}";
        var failures = Flatten(exception).ToList();
        if (failures.OfType<RequestFailedException>().FirstOrDefault(f => f.Message.Contains(AzuriteRefusesVersion, StringComparison.Ordinal)) is not null)
        {
            return $"the storage emulator at {where} refuses the storage API version this app uses. " +
                "Restart it with --skipApiVersionCheck (azurite --skipApiVersionCheck), " +
                "or stop it and let dotnet run start its own.";
        }

        if (failures.OfType<RequestFailedException>().FirstOrDefault(f => f.Status is 401 or 403) is { } refused)
        {
            return $"storage at {where} refuses the credentials in AzureWebJobsStorage ({refused.ErrorCode ?? refused.Status.ToString()}). " +
                "Check the account key, or that the app's identity has the Storage Table and Queue Data Contributor roles.";
        }

        if (failures.FirstOrDefault(f => f is SocketException or HttpRequestException or TimeoutException
            || (f is TaskCanceledException && f.Message.Contains("timeout", StringComparison.OrdinalIgnoreCase))) is { } network)
        {
            return $"storage at {where} does not answer ({network.Message.ReplaceLineEndings(" ").TrimEnd('.')}). " +
                "Start Azurite (azurite --skipApiVersionCheck), or set AzureWebJobsStorage to a storage account that answers.";
        }

        return null;
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        var inner = exception is AggregateException all ? all.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var failure in inner.SelectMany(Flatten))
        {
            yield return failure;
        }
    }
}
