using Azure;
using Azure.Data.Tables;

namespace FollowUp.Notifications;

/// <summary>
/// The state of an outbox row, moved under its ETag: claimed for sending, held until a time, sent, or
/// finished otherwise, each with its timeline entry. A claim whose answer was lost is told from another
/// worker's by the row's write id (see <see cref="IWriteStamped"/>); a finish applies to the row as stored.
/// </summary>
internal sealed class OutboxRows(FollowUpStorage storage, OutboxQueue queue, OutboundGate gate, TimeProvider time, DeliveryMetrics metrics, ILogger<OutboxRows> logger)
{
    /// <summary>The row a queue message names; null when there is none (its inquiry was erased, or never stored).</summary>
    public async Task<OutboxEntity?> FindAsync(NotificationRef reference, CancellationToken cancellationToken)
    {
        var found = await storage.Inquiries.GetEntityIfExistsAsync<OutboxEntity>(
            reference.InquiryId, InquiryRows.Outbox(reference.MessageId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The recipient's contact row, which the outbound gate decides by.</summary>
    public Task<ContactEntity?> FindContactAsync(string key, CancellationToken cancellationToken) => storage.FindContactAsync(key, cancellationToken);

    /// <summary>Counts a provider call that ended without an answer.</summary>
    public void CountAmbiguous(string channel) => metrics.Ambiguous(channel);

    /// <summary>Takes the row for sending; false when another worker has it.</summary>
    public async Task<bool> TryClaimAsync(OutboxEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        row.State = OutboxState.Sending;
        row.SendingSince = now;
        row.NotBefore = null;
        row.Attempts++;
        row.WriteId = Guid.NewGuid().ToString("N");
        if (await TryUpdateAsync(row, cancellationToken))
        {
            return true;
        }

        // Refused: another worker claimed it first, or this claim was stored and its answer lost (the
        // SDK's retry is then refused). Only the write id tells them apart (see IWriteStamped).
        var fresh = (await storage.Inquiries.GetEntityAsync<OutboxEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken)).Value;
        if (fresh.WriteId != row.WriteId)
        {
            return false;
        }

        row.ETag = fresh.ETag;
        return true;
    }

    /// <summary>Holds the row until <paramref name="until"/>, with a delayed queue message to look again then.</summary>
    public async Task DeferAsync(OutboxEntity row, NotificationRef reference, DateTimeOffset until, DateTimeOffset now, string why, CancellationToken cancellationToken)
    {
        // The delayed message goes first: a row that says "deferred" always has a message coming for it.
        await queue.EnqueueAfterAsync(reference, until - now, cancellationToken);
        var firstDeferral = row.State != OutboxState.Deferred;
        row.State = OutboxState.Deferred;
        row.NotBefore = until;
        List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, row, row.ETag)];
        if (firstDeferral)
        {
            actions.Add(new(TableTransactionActionType.Add, InquiryRows.NewEvent(
                row.PartitionKey, now, 0, row.Kind + "-deferred", $"{MessageKinds.Describe(row.Kind)} by {(row.Channel == Channels.Sms ? "SMS" : "email")} held until {until:u} ({why}).", messageId: row.MessageId)));
        }

        await TrySubmitAsync(actions, cancellationToken);
        NotificationsLog.Deferred(logger, row.Kind, row.MessageId, row.PartitionKey, until, why);
    }

    /// <summary>Records that the provider took the message.</summary>
    public async Task RecordSentAsync(OutboxEntity row, SendOutcome.Accepted accepted, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        row.SentAt = now;
        row.ProviderMessageId = accepted.ProviderMessageId;
        row.DeliveryStatus ??= accepted.Status;
        row.Error = null;
        row.ErrorCode = null;
        row.Ambiguous = false;
        await FinishAsync(row, OutboxState.Sent, "sent", $"{MessageKinds.Describe(row.Kind)} sent by {row.Channel}.", cancellationToken);
        NotificationsLog.Sent(logger, row.Kind, row.Channel, Mask.Recipient(row.Recipient), row.PartitionKey);
        metrics.Sent(row.Kind, row.Channel);
    }

    /// <summary>
    /// Moves the row to a final state and adds its timeline entry, in one transaction. If the row changed
    /// meanwhile (a status callback, say), it is read again and the change applied to the fresh row.
    /// </summary>
    public async Task FinishAsync(OutboxEntity row, string state, string eventSuffix, string detail, CancellationToken cancellationToken)
    {
        await StoreFinishAsync(row, state, eventSuffix, detail, cancellationToken);
        if (state != OutboxState.Sent)
        {
            await gate.NotSentAsync(row, cancellationToken);
        }
    }

    private Task StoreFinishAsync(OutboxEntity row, string state, string eventSuffix, string detail, CancellationToken cancellationToken) =>
        storage.Inquiries.ChangeAsync<OutboxEntity, bool>(
            row.PartitionKey,
            row.RowKey,
            current =>
            {
                if (current is null || (!ReferenceEquals(current, row) && OutboxState.IsFinal(current.State)))
                {
                    return RowChange<OutboxEntity, bool>.Stop(false);
                }

                if (!ReferenceEquals(current, row))
                {
                    current.SentAt = row.SentAt;
                    current.ProviderMessageId = row.ProviderMessageId;
                    current.DeliveryStatus ??= row.DeliveryStatus;
                    current.Error = row.Error;
                    current.ErrorCode = row.ErrorCode;
                    current.Ambiguous = row.Ambiguous;
                }

                current.State = state;
                if (state != OutboxState.Sent)
                {
                    current.SendingSince = null;
                }
                else
                {
                    // Sent: the status link's token has done its job here, and storage keeps only its hash.
                    current.Body = StatusLinks.Redact(current.Body);
                }

                return RowChange<OutboxEntity, bool>.Save(current, true, new TableTransactionAction(TableTransactionActionType.Add, InquiryRows.NewEvent(
                    current.PartitionKey, time.GetUtcNow(), 0, $"{current.Kind}-{eventSuffix}", detail, messageId: current.MessageId)));
            },
            () => throw new InvalidOperationException($"Could not record the outcome of message {row.MessageId}: the row keeps changing."),
            cancellationToken,
            known: row,
            attempts: 5);

    public async Task<bool> TryUpdateAsync(OutboxEntity row, CancellationToken cancellationToken)
    {
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

    /// <summary>Submits a change of state; if another worker changed the row first, its state stands.</summary>
    public async Task TrySubmitAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Inquiries.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 412)
        {
        }
    }
}
