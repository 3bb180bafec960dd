using Microsoft.Extensions.Options;

namespace FollowUp.Notifications;

/// <summary>
/// Delivers one outbox row exactly once (the work behind the <c>SendNotification</c> queue function, and
/// intake's immediate send): the row is the source of truth, its ETag decides which worker sends, and a
/// finished row (sent, failed, suppressed) is left alone, so redelivered and duplicate queue messages are
/// harmless. The outbound gate decides whether it may go now; retries are new, delayed queue messages, so
/// backoff and Retry-After are honoured in standalone mode and under the Functions host alike.
/// </summary>
internal sealed class OutboxDelivery(
    OutboxRows rows,
    ISmsSender sms,
    IEmailSender email,
    OutboxQueue queue,
    OutboundGate gate,
    OptOuts optOuts,
    TimeProvider time,
    IOptions<DeliveryOptions> delivery,
    ILogger<OutboxDelivery> logger) : IImmediateDelivery
{
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
        if (await rows.FindAsync(reference, cancellationToken) is not { } row)
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

        if (row.State == OutboxState.Sending && row.SendingSince is { } since && since + OutboxQueue.SendingLease > now)
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
            var wait = since + OutboxQueue.SendingLease - now;
            await queue.EnqueueAfterAsync(reference, wait < BusyRecheck ? wait : BusyRecheck, cancellationToken);
            NotificationsLog.Busy(logger, row.MessageId, row.PartitionKey);
            return;
        }

        var contact = await rows.FindContactAsync(OutboundGate.ContactKey(row.Channel, row.Recipient), cancellationToken);
        switch (await gate.CheckAsync(row, contact, now, cancellationToken))
        {
            case GateDecision.Refuse refused:
                await rows.FinishAsync(row, OutboxState.Suppressed, "suppressed", $"{MessageKinds.Describe(row.Kind)} by {row.Channel} not sent: {refused.Why}.", cancellationToken);
                return;
            case GateDecision.Hold held:
                await rows.DeferAsync(row, reference, held.Until, now, held.Why, cancellationToken);
                return;
        }

        // An attempt that ended without an answer, or a worker that died mid-send, may have reached the provider.
        var unsure = row.Ambiguous || row.State == OutboxState.Sending;
        var previousAttempt = row.SendingSince ?? row.CreatedAt;
        if (!await rows.TryClaimAsync(row, now, cancellationToken))
        {
            NotificationsLog.AlreadyHandled(logger, row.MessageId, row.PartitionKey, "claimed by another worker");
            return;
        }

        // Counted only by the worker that holds the row, so a message delivered twice is counted once.
        if (await gate.CountAsync(row, contact, now, cancellationToken) is { } capped)
        {
            row.Attempts--;
            row.SendingSince = null;
            await rows.DeferAsync(row, reference, capped.Until, now, capped.Why, cancellationToken);
            return;
        }

        var message = new OutgoingMessage(row.PartitionKey, row.MessageId, row.Kind, row.Channel, row.Recipient, row.Subject, row.Body);
        if (unsure && row.Channel == Channels.Sms && await sms.FindSentAsync(message, previousAttempt, cancellationToken) is { } existing)
        {
            NotificationsLog.FoundAfterAmbiguousAttempt(logger, row.MessageId, row.PartitionKey);
            await gate.SentAsync(row, contact, previousAttempt, cancellationToken);
            await rows.RecordSentAsync(row, new SendOutcome.Accepted(existing), cancellationToken);
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
                await rows.RecordSentAsync(row, accepted, cancellationToken);
                break;
            case SendOutcome.Permanent permanent:
                row.ErrorCode = permanent.Code;
                if (row.Channel == Channels.Sms && permanent.Code == TwilioUnsubscribedCode)
                {
                    // The number texted STOP to our sender: record it, so nothing else tries to text it.
                    await optOuts.SetSmsOptOutAsync(row.Recipient, true, "Twilio reports the number unsubscribed (21610)", time.GetUtcNow(), cancellationToken);
                }

                await rows.FinishAsync(row, OutboxState.Failed, "failed", $"{MessageKinds.Describe(row.Kind)} by {row.Channel} failed: {permanent.Reason} (code {permanent.Code}).", cancellationToken);
                NotificationsLog.PermanentFailure(logger, row.Kind, row.MessageId, row.PartitionKey, permanent.Code);
                break;
            case SendOutcome.Transient transient:
                row.ErrorCode = transient.Code;
                await RetryOrGiveUpAsync(row, reference, transient.Reason, transient.RetryAfter, ambiguous: false, cancellationToken);
                break;
            case SendOutcome.Ambiguous ambiguous:
                rows.CountAmbiguous(row.Channel);
                NotificationsLog.AmbiguousOutcome(logger, row.Kind, row.MessageId, row.PartitionKey, ambiguous.Reason);
                await RetryOrGiveUpAsync(row, reference, ambiguous.Reason, retryAfter: null, ambiguous: true, cancellationToken);
                break;
        }
    }

    private async Task RetryOrGiveUpAsync(
        OutboxEntity row, NotificationRef reference, string reason, TimeSpan? retryAfter, bool ambiguous, CancellationToken cancellationToken)
    {
        row.Error = reason;
        row.Ambiguous = ambiguous;
        if (row.Attempts >= delivery.Value.MaxAttempts)
        {
            await queue.PoisonAsync(reference, cancellationToken);
            await rows.FinishAsync(row, OutboxState.Failed, "failed", $"{MessageKinds.Describe(row.Kind)} by {row.Channel} failed after {row.Attempts} tries ({reason}).", cancellationToken);
            NotificationsLog.GaveUp(logger, row.Kind, row.MessageId, row.PartitionKey, row.Attempts);
            return;
        }

        // The delayed queue message is what waits; the row just goes back to queued.
        var delay = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(row.Attempts);
        await queue.EnqueueAfterAsync(reference, delay, cancellationToken);
        row.State = OutboxState.Queued;
        await rows.TryUpdateAsync(row, cancellationToken);
        NotificationsLog.WillRetry(logger, row.Kind, row.MessageId, row.PartitionKey, row.Attempts, delay);
    }

    /// <summary>Exponential backoff from <see cref="DeliveryOptions.RetryBaseDelay"/> with up to 50% jitter, capped at an hour.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = delivery.Value.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        var jittered = exponential * (1 + (Random.Shared.NextDouble() / 2));
        return jittered < MaxBackoff ? jittered : MaxBackoff;
    }
}
