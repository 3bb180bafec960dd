namespace FollowUp.Intake;

/// <summary>
/// Accepts a validated submission: joins it to the contact's open inquiry when it repeats one,
/// otherwise stores a new inquiry, its first timeline events and its outbox messages in one
/// entity-group transaction, then queues the messages. Once this returns, nothing is lost:
/// messages that could not be queued are queued by outbox repair.
/// </summary>
internal sealed class IntakeService(
    ContactClaims claims,
    RepeatSubmissions repeats,
    NewInquiries inquiries,
    IntakeAnswers answers,
    IdGenerator ids,
    OutboxQueue outboxQueue,
    IImmediateDelivery notifications,
    TimeProvider time,
    AnswerPace pace) : IInquiryIntake
{
    /// <summary>
    /// The longest the answer to a new inquiry waits for its acknowledgment to be sent (wall-clock time:
    /// it paces a provider call, not business time).
    /// </summary>
    public static readonly TimeSpan SendWait = TimeSpan.FromSeconds(5);

    public async Task<IntakeResult> SubmitAsync(Submission submission, CancellationToken cancellationToken)
    {
        var started = pace.Start();
        var now = time.GetUtcNow();
        var contactKeys = ContactClaims.Keys(submission.Prospect).ToArray();
        var id = ids.NewInquiryId();

        // Claim the contact rows for the new id before storing it, so that of several submissions
        // racing (a double-clicked button) exactly one creates the inquiry and the others join it.
        // Most submitters are new, so the first try assumes so and just adds their rows (one request
        // each instead of a read and an add); if a row exists, the add is refused and the rows are read.
        var contacts = contactKeys.Select(key => new ContactClaims.Contact(key, null)).ToArray();
        while (true)
        {
            var open = await claims.FindOpenInquiryAsync(contacts, id, now, cancellationToken);
            if (open is not null)
            {
                var joined = await repeats.JoinAsync(open, submission, contacts, now, cancellationToken);
                await PadAsync(submission, started);

                return answers.ForRepeat(joined, submission, now);
            }

            if (await claims.TryClaimAsync(contacts, id, now, cancellationToken))
            {
                break;
            }

            contacts = await claims.ReadAsync(contactKeys, cancellationToken);
        }

        var (inquiry, outbox) = await inquiries.CreateAsync(id, submission, contacts, now, cancellationToken);
        // When intake sends the messages itself, their queue messages are the safety net: hidden for a
        // sending lease, they then find the rows done, or finish what a crash cut short.
        await outboxQueue.TryEnqueueAllAsync(outbox, notifications.SendsOnIntake ? OutboxQueue.SendingLease : TimeSpan.Zero, cancellationToken);
        // The answer waits for the send, but not for long: a slow provider must not hold up the form.
        // A send still running after that finishes on its own, and the queue message covers it if not.
        if (outbox.Count > 0 && notifications.SendsOnIntake && submission.Called)
        {
            // A caller is on the line: the text-back goes on its own, and Twilio gets its answer at once.
            _ = notifications.SendNowAsync(outbox);
        }
        else if (outbox.Count > 0 && notifications.SendsOnIntake)
        {
            var sending = notifications.SendNowAsync(outbox);
            var sendStarted = pace.Start();
            await Task.WhenAny(sending, Task.Delay(SendWait, CancellationToken.None));
            pace.Sent(sendStarted);
        }
        else
        {
            await PadAsync(submission, started); // nothing to send: answer no sooner than one that sent
        }

        return answers.ForNew(inquiry, submission);
    }

    /// <summary>A public post that sent nothing answers no sooner than one that did (an import's rows and calls are not timed by anyone).</summary>
    private Task PadAsync(Submission submission, long started) => submission.Imported || submission.Called ? Task.CompletedTask : pace.PadAsync(started);
}
