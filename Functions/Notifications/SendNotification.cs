using System.Diagnostics.Metrics;
using Azure;
using Azure.Data.Tables;
using FollowUp.Hosting;
using FollowUp.Storage;
using Microsoft.Extensions.Options;

namespace FollowUp.Notifications;

/// <summary>
/// The <c>SendNotification</c> queue function: sends one outbox row exactly once and records the
/// outcome on the inquiry's timeline. The row is the source of truth: its ETag decides which worker
/// sends, and a finished row (sent, failed, suppressed) is left alone, so redelivered and duplicate
/// queue messages are harmless. Retries are new, delayed queue messages, so backoff and Retry-After
/// are honoured in standalone mode and under the Functions host alike.
/// </summary>
internal sealed class SendNotification(
    FollowUpStorage storage,
    ISmsSender sms,
    IEmailSender email,
    OutboxQueue queue,
    OutboundGate gate,
    Core.OptOuts optOuts,
    TimeProvider time,
    IOptions<DeliveryOptions> delivery,
    DeliveryMetrics metrics,
    ILogger<SendNotification> logger)
{
    /// <summary>How long a worker may hold a row in <c>sending</c> before another may take it over.</summary>
    public static readonly TimeSpan SendingLease = TimeSpan.FromMinutes(2);

    /// <summary>How soon a message whose row another worker holds is looked at again.</summary>
    private static readonly TimeSpan BusyRecheck = TimeSpan.FromSeconds(15);

    private const string TwilioUnsubscribedCode = "21610";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    public async Task HandleAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        var reference = NotificationRef.Parse(invocation.MessageText);
        if (reference is null)
        {
            NotificationsLog.UnreadableMessage(logger);
            return;
        }

        await SendAsync(reference, requeueWhenBusy: true, cancellationToken);
    }

    /// <summary>Whether intake sends its messages itself (<see cref="DeliveryOptions.SendOnIntake"/>).</summary>
    public bool SendsOnIntake => delivery.Value.SendOnIntake;

    /// <summary>
    /// Sends rows intake has just stored and queued, without waiting for the queue function (on Flex
    /// Consumption it scales apart from HTTP, and an idle app has no instance for it). The same claim
    /// rules apply, so the queue message then finds the row done; if this fails, the queue still sends.
    /// Not cancelled by the caller going away: a send cut off halfway would leave the row unsure.
    /// </summary>
    public async Task SendNowAsync(IEnumerable<OutboxEntity> rows)
    {
        if (!SendsOnIntake)
        {
            return;
        }

        await Task.WhenAll(rows.Select(async row =>
        {
            try
            {
                await SendAsync(new NotificationRef(row.PartitionKey, row.MessageId), requeueWhenBusy: false, CancellationToken.None);
            }
            catch (Exception ex)
            {
                NotificationsLog.SendNowFailed(logger, ex, row.MessageId, row.PartitionKey);
            }
        }));
    }

    private async Task SendAsync(NotificationRef reference, bool requeueWhenBusy, CancellationToken cancellationToken)
    {
        var found = await storage.Inquiries.GetEntityIfExistsAsync<OutboxEntity>(
            reference.InquiryId, InquiryRows.Outbox(reference.MessageId), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            NotificationsLog.MissingOutboxRow(logger, reference.MessageId, reference.InquiryId);
            return;
        }

        var now = time.GetUtcNow();
        if (OutboxState.IsFinal(row.State) || row.NotBefore > now)
        {
            // Finished, or waiting for a delayed message that is already queued.
            NotificationsLog.AlreadyHandled(logger, row.MessageId, row.PartitionKey, row.State);
            return;
        }

        if (row.State == OutboxState.Sending && row.SendingSince is { } since && since + SendingLease > now)
        {
            if (!requeueWhenBusy)
            {
                // Sending right after intake: the queue message is already there to look again.
                NotificationsLog.Busy(logger, row.MessageId, row.PartitionKey);
                return;
            }

            // Another worker holds the row (or held it and stopped). Look again later with a new message
            // rather than failing this one: failures spend the message's tries, and a message moved to the
            // poison queue would leave the row in "sending" with nothing coming to finish it.
            var wait = since + SendingLease - now;
            await queue.EnqueueAfterAsync(reference, wait < BusyRecheck ? wait : BusyRecheck, cancellationToken);
            NotificationsLog.Busy(logger, row.MessageId, row.PartitionKey);
            return;
        }

        var contact = await storage.FindContactAsync(OutboundGate.ContactKey(row.Channel, row.Recipient), cancellationToken);
        switch (await gate.CheckAsync(row, contact, now, cancellationToken))
        {
            case GateDecision.Refuse refused:
                await FinishAsync(row, OutboxState.Suppressed, "suppressed", $"{Describe(row.Kind)} by {row.Channel} not sent: {refused.Why}.", cancellationToken);
                return;
            case GateDecision.Hold held:
                await DeferAsync(row, reference, held.Until, now, held.Why, cancellationToken);
                return;
        }

        // An attempt that ended without an answer, or a worker that died mid-send, may have reached the provider.
        var unsure = row.Ambiguous || row.State == OutboxState.Sending;
        var previousAttempt = row.SendingSince ?? row.CreatedAt;
        if (!await TryClaimAsync(row, now, cancellationToken))
        {
            NotificationsLog.AlreadyHandled(logger, row.MessageId, row.PartitionKey, "claimed by another worker");
            return;
        }

        // Counted only by the worker that holds the row, so a message delivered twice is counted once.
        if (await gate.CountAsync(row, contact, now, cancellationToken) is { } capped)
        {
            row.Attempts--;
            row.SendingSince = null;
            await DeferAsync(row, reference, capped.Until, now, capped.Why, cancellationToken);
            return;
        }

        var message = new OutgoingMessage(row.PartitionKey, row.MessageId, row.Kind, row.Channel, row.Recipient, row.Subject, row.Body);
        if (unsure && row.Channel == Channels.Sms && await sms.FindSentAsync(message, previousAttempt, cancellationToken) is { } existing)
        {
            NotificationsLog.FoundAfterAmbiguousAttempt(logger, row.MessageId, row.PartitionKey);
            await gate.SentAsync(row, contact, previousAttempt, cancellationToken);
            await RecordSentAsync(row, new SendOutcome.Accepted(existing), cancellationToken);
            return;
        }

        var outcome = row.Channel == Channels.Sms
            ? await sms.SendAsync(message, cancellationToken)
            : await email.SendAsync(message, cancellationToken);
        switch (outcome)
        {
            case SendOutcome.Accepted accepted:
                // What the gate records of a sent text first: once the row reads "sent", a staff reply may rely on it.
                await gate.SentAsync(row, contact, time.GetUtcNow(), cancellationToken);
                await RecordSentAsync(row, accepted, cancellationToken);
                break;
            case SendOutcome.Permanent permanent:
                row.ErrorCode = permanent.Code;
                if (row.Channel == Channels.Sms && permanent.Code == TwilioUnsubscribedCode)
                {
                    // The number texted STOP to our sender: record it, so nothing else tries to text it.
                    await optOuts.SetSmsOptOutAsync(row.Recipient, true, "Twilio reports the number unsubscribed (21610)", time.GetUtcNow(), cancellationToken);
                }

                await FinishAsync(row, OutboxState.Failed, "failed", $"{Describe(row.Kind)} by {row.Channel} failed: {permanent.Reason} (code {permanent.Code}).", cancellationToken);
                NotificationsLog.PermanentFailure(logger, row.Kind, row.MessageId, row.PartitionKey, permanent.Code);
                break;
            case SendOutcome.Transient transient:
                row.ErrorCode = transient.Code;
                await RetryOrGiveUpAsync(row, reference, transient.Reason, transient.RetryAfter, ambiguous: false, cancellationToken);
                break;
            case SendOutcome.Ambiguous ambiguous:
                metrics.Ambiguous(row.Channel);
                NotificationsLog.AmbiguousOutcome(logger, row.Kind, row.MessageId, row.PartitionKey, ambiguous.Reason);
                await RetryOrGiveUpAsync(row, reference, ambiguous.Reason, retryAfter: null, ambiguous: true, cancellationToken);
                break;
        }
    }

    private async Task<bool> TryClaimAsync(OutboxEntity row, DateTimeOffset now, CancellationToken cancellationToken)
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

    private async Task DeferAsync(OutboxEntity row, NotificationRef reference, DateTimeOffset until, DateTimeOffset now, string why, CancellationToken cancellationToken)
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
                row.PartitionKey, now, 0, row.Kind + "-deferred", $"{Describe(row.Kind)} by {(row.Channel == Channels.Sms ? "SMS" : "email")} held until {until:u} ({why}).", messageId: row.MessageId)));
        }

        await TrySubmitAsync(actions, cancellationToken);
        NotificationsLog.Deferred(logger, row.Kind, row.MessageId, row.PartitionKey, until, why);
    }

    private async Task RetryOrGiveUpAsync(
        OutboxEntity row, NotificationRef reference, string reason, TimeSpan? retryAfter, bool ambiguous, CancellationToken cancellationToken)
    {
        row.Error = reason;
        row.Ambiguous = ambiguous;
        if (row.Attempts >= delivery.Value.MaxAttempts)
        {
            await queue.PoisonAsync(reference, cancellationToken);
            await FinishAsync(row, OutboxState.Failed, "failed", $"{Describe(row.Kind)} by {row.Channel} failed after {row.Attempts} tries ({reason}).", cancellationToken);
            NotificationsLog.GaveUp(logger, row.Kind, row.MessageId, row.PartitionKey, row.Attempts);
            return;
        }

        // The delayed queue message is what waits; the row just goes back to queued.
        var delay = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(row.Attempts);
        await queue.EnqueueAfterAsync(reference, delay, cancellationToken);
        row.State = OutboxState.Queued;
        await TryUpdateAsync(row, cancellationToken);
        NotificationsLog.WillRetry(logger, row.Kind, row.MessageId, row.PartitionKey, row.Attempts, delay);
    }

    /// <summary>Exponential backoff from <see cref="DeliveryOptions.RetryBaseDelay"/> with up to 50% jitter, capped at an hour.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = delivery.Value.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        var jittered = exponential * (1 + (Random.Shared.NextDouble() / 2));
        return jittered < MaxBackoff ? jittered : MaxBackoff;
    }

    private async Task RecordSentAsync(OutboxEntity row, SendOutcome.Accepted accepted, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        row.SentAt = now;
        row.ProviderMessageId = accepted.ProviderMessageId;
        row.DeliveryStatus ??= accepted.Status;
        row.Error = null;
        row.ErrorCode = null;
        row.Ambiguous = false;
        await FinishAsync(row, OutboxState.Sent, "sent", $"{Describe(row.Kind)} sent by {row.Channel}.", cancellationToken);
        NotificationsLog.Sent(logger, row.Kind, row.Channel, Mask.Recipient(row.Recipient), row.PartitionKey);
        metrics.Sent(row.Kind, row.Channel);
    }

    /// <summary>
    /// Moves the row to a final state and adds its timeline entry, in one transaction. If the row changed
    /// meanwhile (a status callback, say), it is read again and the change applied to the fresh row.
    /// </summary>
    private async Task FinishAsync(OutboxEntity row, string state, string eventSuffix, string detail, CancellationToken cancellationToken)
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

                return RowChange<OutboxEntity, bool>.Save(current, true, new TableTransactionAction(TableTransactionActionType.Add, InquiryRows.NewEvent(
                    current.PartitionKey, time.GetUtcNow(), 0, $"{current.Kind}-{eventSuffix}", detail, messageId: current.MessageId)));
            },
            () => throw new InvalidOperationException($"Could not record the outcome of message {row.MessageId}: the row keeps changing."),
            cancellationToken,
            known: row,
            attempts: 5);

    private async Task<bool> TryUpdateAsync(OutboxEntity row, CancellationToken cancellationToken)
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
    private async Task TrySubmitAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Inquiries.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 412)
        {
        }
    }

    private static string Describe(string kind) => kind switch
    {
        MessageKinds.Acknowledgment => "Acknowledgment",
        MessageKinds.ReferrerThanks => "Referrer thank-you",
        MessageKinds.OwnerReminder => "Owner reminder",
        MessageKinds.OwnerLapsed => "Lapse notice to the owner",
        MessageKinds.OwnerFollowUp => "Follow-up reminder to the owner",
        MessageKinds.Escalation => "Escalation",
        MessageKinds.NoNews => "No-news update",
        MessageKinds.ReferrerUpdate => "Update to the referrer",
        MessageKinds.SmsCapReached => "Notice of the daily cap to a manager",
        MessageKinds.ProspectReply => "A reply, forwarded to the owner",
        MessageKinds.RelayedAnswer => "The owner's answer, to the prospect",
        _ => kind,
    };
}

/// <summary>Delivery counters, exported with the app's other metrics.</summary>
internal sealed class DeliveryMetrics
{
    public const string MeterName = "FollowUp.Notifications";

    private readonly Counter<long> _ambiguous;
    private readonly Counter<long> _sent;

    public DeliveryMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _ambiguous = meter.CreateCounter<long>("followup.notifications.ambiguous", description: "Provider calls that ended without an answer.");
        _sent = meter.CreateCounter<long>("followup.notifications.sent", description: "Messages the provider accepted, by kind and channel.");
    }

    public void Ambiguous(string channel) => _ambiguous.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Sent(string kind, string channel) =>
        _sent.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("channel", channel));
}
