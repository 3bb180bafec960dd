using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace FollowUp.Storage;

/// <summary>
/// The tables and queues FollowUp uses, created from the Functions storage setting
/// (<c>AzureWebJobsStorage</c>), so the app and the Functions host share one account.
/// </summary>
internal sealed class FollowUpStorage
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public FollowUpStorage(IConfiguration configuration, IOptions<StorageOptions> options)
    {
        Prefix = options.Value.NamePrefix;
        var (tables, queues) = Connect(configuration.GetSection(ConnectionSetting), options.Value);
        Inquiries = tables.GetTableClient(Prefix + "Inquiries");
        Contacts = tables.GetTableClient(Prefix + "Contacts");
        Runtime = tables.GetTableClient(Prefix + "Runtime");
        Staff = tables.GetTableClient(Prefix + "Staff");
        DueIndex = tables.GetTableClient(Prefix + "DueIndex");
        var notifications = configuration[QueueOptions.NotificationsSetting] is { Length: > 0 } name
            ? name
            : throw new InvalidOperationException($"The setting '{QueueOptions.NotificationsSetting}' (the notifications queue's name) is missing.");
        Notifications = queues.GetQueueClient(notifications);
        NotificationsPoison = queues.GetQueueClient(notifications + "-poison");
        QueueService = queues;
    }

    public string Prefix { get; }

    /// <summary>One partition per inquiry: the inquiry, its timeline and its outbox (see <see cref="InquiryRows"/>).</summary>
    public TableClient Inquiries { get; }

    /// <summary>One row per normalized phone or email (see <see cref="ContactEntity"/>).</summary>
    public TableClient Contacts { get; }

    /// <summary>Small bookkeeping rows for the timers: checkpoints and last run times.</summary>
    public TableClient Runtime { get; }

    /// <summary>The staff directory (see <see cref="FollowUp.Staff.StaffEntity"/>).</summary>
    public TableClient Staff { get; }

    /// <summary>Open inquiries' next ladder steps by due minute (see <see cref="FollowUp.ResponseWindows.DueEntry"/>).</summary>
    public TableClient DueIndex { get; }

    public QueueClient Notifications { get; }

    public QueueClient NotificationsPoison { get; }

    public QueueServiceClient QueueService { get; }

    /// <summary>An inquiry's own row, if it is stored; <paramref name="select"/> names the columns to read (all when null).</summary>
    public async Task<InquiryEntity?> FindInquiryAsync(string id, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        var found = await Inquiries.GetEntityIfExistsAsync<InquiryEntity>(id, InquiryRows.Header(id), select, cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The contact row for a <see cref="ContactEntity.PhoneKey"/> or <see cref="ContactEntity.EmailKey"/>, if there is one.</summary>
    public async Task<ContactEntity?> FindContactAsync(string key, CancellationToken cancellationToken)
    {
        var found = await Contacts.GetEntityIfExistsAsync<ContactEntity>(key, key, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// Connects as the Functions host does: <c>AzureWebJobsStorage</c> is a connection string, or its
    /// identity-based form: <c>__tableServiceUri</c> and <c>__queueServiceUri</c> (as Flex Consumption
    /// deploys it) or <c>__accountName</c>, with <c>__clientId</c> for a user-assigned managed identity.
    /// </summary>
    private static (TableServiceClient Tables, QueueServiceClient Queues) Connect(IConfigurationSection setting, StorageOptions bounds)
    {
        // The Functions host decodes queue messages as base64 by default (host.json messageEncoding),
        // so the standalone runner and the host read exactly what intake writes.
        var queueOptions = Bounded(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, bounds);
        var tableOptions = Bounded(new TableClientOptions(), bounds);
        if (!string.IsNullOrWhiteSpace(setting.Value))
        {
            return (new TableServiceClient(setting.Value, tableOptions), new QueueServiceClient(setting.Value, queueOptions));
        }

        var account = setting["accountName"];
        var tableServiceUri = setting["tableServiceUri"];
        var queueServiceUri = setting["queueServiceUri"];
        if (string.IsNullOrWhiteSpace(account) && (string.IsNullOrWhiteSpace(tableServiceUri) || string.IsNullOrWhiteSpace(queueServiceUri)))
        {
            throw new InvalidOperationException(
                $"Storage is not configured. Set '{ConnectionSetting}' to a connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or '{ConnectionSetting}__tableServiceUri' and '{ConnectionSetting}__queueServiceUri' (or '{ConnectionSetting}__accountName'), " +
                $"with '{ConnectionSetting}__clientId' for a user-assigned identity, to use a managed identity.");
        }

        TokenCredential credential = setting["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        var tableUri = new Uri(tableServiceUri is { Length: > 0 } ? tableServiceUri : $"https://{account}.table.core.windows.net");
        var queueUri = new Uri(queueServiceUri is { Length: > 0 } ? queueServiceUri : $"https://{account}.queue.core.windows.net");
        return (new TableServiceClient(tableUri, credential, tableOptions), new QueueServiceClient(queueUri, credential, queueOptions));
    }

    /// <summary>Every storage request times out and every call gives up in bounded time (see <see cref="StorageOptions.LongestCall"/>).</summary>
    private static T Bounded<T>(T options, StorageOptions bounds)
        where T : ClientOptions
    {
        options.Retry.NetworkTimeout = bounds.RequestTimeout;
        options.Retry.MaxRetries = bounds.RequestTries - 1;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromSeconds(0.8);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(8);
        return options;
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            Inquiries.CreateIfNotExistsAsync(cancellationToken),
            Contacts.CreateIfNotExistsAsync(cancellationToken),
            Runtime.CreateIfNotExistsAsync(cancellationToken),
            Staff.CreateIfNotExistsAsync(cancellationToken),
            DueIndex.CreateIfNotExistsAsync(cancellationToken),
            Notifications.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            NotificationsPoison.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
    }
}
