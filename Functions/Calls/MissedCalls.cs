using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Calls;

/// <summary>
/// A call nobody answered becomes an inquiry (source <c>missed call</c>) through intake, owned and promised like
/// any, and acknowledged by the missed-call text-back; a repeat within the duplicate window joins the open
/// inquiry with no second text. The <see cref="CallOptions.UrgentAfter"/>th missed call within
/// <see cref="CallOptions.UrgentWithin"/> marks it urgent and pages the owner and their manager at once.
/// </summary>
internal sealed class MissedCalls(
    IInquiryIntake intake, FollowUpStorage storage, CallTexts texts, MessageTemplates templates, TimeProvider time, IOptions<CallOptions> options,
    IOptions<BusinessOptions> business, ILogger<MissedCalls> logger)
{
    /// <summary>Records call <paramref name="callSid"/> from <paramref name="caller"/> as missed; the id of its inquiry.</summary>
    public async Task<string> RecordAsync(string callSid, string caller, string? callerName, CancellationToken cancellationToken)
    {
        var prospect = new Prospect(CallerNames.For(caller, callerName), null, caller, null, Channels.Sms, CallOptions.MissedSource, null, options.Value.TextBack);
        var result = await intake.SubmitAsync(new Submission(prospect, null, Called: true), cancellationToken);
        var inquiry = result.Inquiry;
        var now = time.GetUtcNow();
        try
        {
            await storage.Inquiries.AddEntityAsync(
                new CallEntity { PartitionKey = inquiry.Id, RowKey = CallEntity.Row(callSid), At = now, Outcome = CallEntity.Missed }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return inquiry.Id; // Twilio asked again about the same call: counted once
        }

        var missed = await CountMissedAsync(inquiry.Id, now - options.Value.UrgentWithin, cancellationToken);
        CallsLog.Missed(logger, inquiry.Id, Mask.Phone(caller), result.Joined, missed);
        if (missed == options.Value.UrgentAfter)
        {
            await PageAsync(inquiry, missed, now, cancellationToken);
        }

        return inquiry.Id;
    }

    private async Task<int> CountMissedAsync(string inquiryId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {inquiryId} and RowKey ge {CallEntity.Prefix} and RowKey lt {InquiryRows.PrefixEnd(CallEntity.Prefix)} and Outcome eq {CallEntity.Missed} and At ge {since}");
        var count = 0;
        await foreach (var _ in storage.Inquiries.QueryAsync<CallEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Marks the inquiry urgent and texts its owner and their manager, outside the ladder; nothing when it was already
    /// marked urgent within the window (the calls after the page page nobody).
    /// </summary>
    private async Task PageAsync(InquiryEntity inquiry, int missed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var paged = await texts.OwnerAndManagerAsync(inquiry, cancellationToken);
        var minutes = options.Value.UrgentWithin.TotalMinutes.ToString("0", CultureInfo.InvariantCulture);
        var body = MessageTemplates.Render(templates.Current.UrgentCallSms,
            ("Code", IdGenerator.ShortCode(inquiry.Id)), ("Name", inquiry.Name), ("Contact", inquiry.Phone ?? ""),
            ("Count", missed.ToString(CultureInfo.InvariantCulture)), ("Minutes", minutes), ("Business", business.Value.Name));
        var rows = paged.Select(person => texts.Row(inquiry.Id, MessageKinds.UrgentCall, person, body, now)).ToList();
        var detail = $"Urgent: {missed} missed calls in {minutes} minutes. " + (rows.Count == 0
            ? "Nobody to page: no owner or manager has a mobile."
            : $"Paged {string.Join(" and ", paged.Select(p => p.Name))}.");
        var saved = await storage.Inquiries.ChangeAsync<InquiryEntity, bool>(
            inquiry.Id,
            inquiry.RowKey,
            current =>
            {
                if (current is null || current.UrgentAt > now - options.Value.UrgentWithin)
                {
                    return RowChange<InquiryEntity, bool>.Stop(false);
                }

                current.UrgentAt = now;
                return RowChange<InquiryEntity, bool>.Save(current, true,
                    [new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry.Id, now, 0, "urgent", detail)), .. CallTexts.Adds(rows)]);
            },
            () => false,
            cancellationToken,
            mode: TableUpdateMode.Merge);
        if (saved)
        {
            await texts.SendAsync(rows, cancellationToken);
        }
    }
}
