using Azure.Data.Tables;
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
    public const string NotificationsQueue = "notifications";

    public FollowUpStorage(IConfiguration configuration, IOptions<StorageOptions> options)
    {
        var connection = configuration[ConnectionSetting];
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException(
                $"The storage setting '{ConnectionSetting}' is empty. Set it to a connection string, or to UseDevelopmentStorage=true for Azurite.");
        }

        Prefix = options.Value.NamePrefix;
        var tables = new TableServiceClient(connection);
        // The Functions host decodes queue messages as base64 by default (host.json messageEncoding),
        // so the standalone runner and the host read exactly what intake writes.
        var queues = new QueueServiceClient(connection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

        Inquiries = tables.GetTableClient(Prefix + "Inquiries");
        Contacts = tables.GetTableClient(Prefix + "Contacts");
        Runtime = tables.GetTableClient(Prefix + "Runtime");
        Notifications = queues.GetQueueClient(QueueName(NotificationsQueue));
        NotificationsPoison = queues.GetQueueClient(QueueName(NotificationsQueue) + "-poison");
        QueueService = queues;
    }

    public string Prefix { get; }

    /// <summary>One partition per inquiry: the inquiry, its timeline and its outbox (see <see cref="InquiryRows"/>).</summary>
    public TableClient Inquiries { get; }

    /// <summary>One row per normalized phone or email (see <see cref="ContactEntity"/>).</summary>
    public TableClient Contacts { get; }

    /// <summary>Small bookkeeping rows for the timers: checkpoints and last run times.</summary>
    public TableClient Runtime { get; }

    public QueueClient Notifications { get; }

    public QueueClient NotificationsPoison { get; }

    public QueueServiceClient QueueService { get; }

    /// <summary>The account-level name of a logical queue, with this app's prefix.</summary>
    public string QueueName(string logicalName) => Prefix + logicalName;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            Inquiries.CreateIfNotExistsAsync(cancellationToken),
            Contacts.CreateIfNotExistsAsync(cancellationToken),
            Runtime.CreateIfNotExistsAsync(cancellationToken),
            Notifications.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            NotificationsPoison.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
    }
}
