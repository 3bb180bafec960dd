using Azure;
using Azure.Data.Tables;
using FollowUp.Hosting;
using FollowUp.Storage;
using Microsoft.Extensions.Options;

namespace FollowUp.Notifications;

/// <summary>
/// The <c>SendNotification</c> queue function: sends one outbox row exactly once and records the
/// outcome on the inquiry's timeline. The row's ETag decides which worker sends; a row already
/// sent or failed is left alone, so redelivered and duplicate queue messages are harmless.
/// </summary>
internal sealed class SendNotification(
    FollowUpStorage storage,
    ISmsSender sms,
    IEmailSender email,
    TimeProvider time,
    IOptions<QueueOptions> queueOptions,
    ILogger<SendNotification> logger) : IQueueFunction
{
    /// <summary>How long a worker may hold a row in <c>sending</c> before another may take it over.</summary>
    public static readonly TimeSpan SendingLease = TimeSpan.FromMinutes(2);

    public string Name => "SendNotification";

    public string QueueName => FollowUpStorage.NotificationsQueue;

    public async Task HandleAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        var reference = NotificationRef.Parse(invocation.MessageText);
        if (reference is null)
        {
            NotificationsLog.UnreadableMessage(logger);
            return;
        }

        var found = await storage.Inquiries.GetEntityIfExistsAsync<OutboxEntity>(
            reference.InquiryId, InquiryRows.Outbox(reference.MessageId), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            NotificationsLog.MissingOutboxRow(logger, reference.MessageId, reference.InquiryId);
            return;
        }

        if (row.State is OutboxState.Sent or OutboxState.Failed)
        {
            NotificationsLog.AlreadyHandled(logger, row.MessageId, row.PartitionKey, row.State);
            return;
        }

        var now = time.GetUtcNow();
        if (row.State == OutboxState.Sending && row.SendingSince + SendingLease > now)
        {
            throw new OutboxRowBusyException(row.MessageId);
        }

        if (!await TryClaimAsync(row, now, cancellationToken))
        {
            NotificationsLog.AlreadyHandled(logger, row.MessageId, row.PartitionKey, "claimed by another worker");
            return;
        }

        SendReceipt receipt;
        try
        {
            var message = new OutgoingMessage(row.PartitionKey, row.MessageId, row.Kind, row.Channel, row.Recipient, row.Subject, row.Body);
            receipt = row.Channel == Channels.Sms
                ? await sms.SendAsync(message, cancellationToken)
                : await email.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await RecordFailureAsync(row, ex, lastTry: invocation.DequeueCount >= queueOptions.Value.MaxDequeueCount, cancellationToken);
            throw;
        }

        await RecordSentAsync(row, receipt, cancellationToken);
        NotificationsLog.Sent(logger, row.Kind, row.Channel, Mask.Recipient(row.Recipient), row.PartitionKey);
    }

    private async Task<bool> TryClaimAsync(OutboxEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        row.State = OutboxState.Sending;
        row.SendingSince = now;
        row.Attempts++;
        try
        {
            var response = await storage.Inquiries.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private async Task RecordSentAsync(OutboxEntity row, SendReceipt receipt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        row.State = OutboxState.Sent;
        row.SentAt = now;
        row.ProviderMessageId = receipt.ProviderMessageId;
        row.Error = null;
        var sent = InquiryRows.NewEvent(row.PartitionKey, now, 0, row.Kind + "-sent", $"{Describe(row.Kind)} sent by {row.Channel}.", messageId: row.MessageId);
        await storage.Inquiries.SubmitTransactionAsync(
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag), new TableTransactionAction(TableTransactionActionType.Add, sent)],
            cancellationToken);
    }

    private async Task RecordFailureAsync(OutboxEntity row, Exception error, bool lastTry, CancellationToken cancellationToken)
    {
        row.State = lastTry ? OutboxState.Failed : OutboxState.Queued;
        row.SendingSince = null;
        row.Error = error.GetType().Name;
        List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, row, row.ETag)];
        if (lastTry)
        {
            NotificationsLog.GaveUp(logger, row.Kind, row.MessageId, row.PartitionKey, row.Attempts);
            actions.Add(new(TableTransactionActionType.Add, InquiryRows.NewEvent(
                row.PartitionKey, time.GetUtcNow(), 0, row.Kind + "-failed",
                $"{Describe(row.Kind)} by {row.Channel} failed after {row.Attempts} tries ({row.Error}).", messageId: row.MessageId)));
        }

        try
        {
            await storage.Inquiries.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException)
        {
            // Another worker changed the row meanwhile; its state wins, and the queue retries this message.
        }
    }

    private static string Describe(string kind) => kind switch
    {
        MessageKinds.Acknowledgment => "Acknowledgment",
        MessageKinds.ReferrerThanks => "Referrer thank-you",
        _ => kind,
    };
}

/// <summary>Another worker is sending this message right now; the queue should try again later.</summary>
internal sealed class OutboxRowBusyException(string messageId)
    : Exception($"Message {messageId} is being sent by another worker.");
