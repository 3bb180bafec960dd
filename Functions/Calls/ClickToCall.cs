using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace FollowUp.Calls;

/// <summary>
/// Click-to-call (the staff API, the staff page's Call button, the <c>CALL</c> command): Twilio rings the staff
/// member's mobile from the business number, and when they answer bridges them to the prospect (<see cref="CallBridges"/>),
/// which logs the attempt by itself. Only the owner or a manager may call, within the attempt cap, and not while a call to the prospect still rings.
/// </summary>
internal sealed class ClickToCall(
    FollowUpStorage storage,
    ICallAttempts attempts,
    TwilioClients twilio,
    TimeProvider time,
    IOptions<CallOptions> options,
    IOptions<SmsOptions> sms,
    IOptions<TwilioOptions> twilioOptions,
    IOptions<PublicUrlOptions> urls,
    ILogger<ClickToCall> logger)
{
    /// <summary>Places the call; its sid, or why not as an HTTP status and reason.</summary>
    public async Task<(string? CallSid, int Status, string? Refusal)> StartAsync(string inquiryId, StaffEntity staff, CancellationToken cancellationToken)
    {
        var callerId = options.Value.CallerId is { Length: > 0 } configured ? configured : twilioOptions.Value.FromNumber;
        if (sms.Value.Provider != SmsOptions.Twilio || string.IsNullOrEmpty(callerId))
        {
            return (null, StatusCodes.Status409Conflict, "Calls need Twilio (Sms:Provider Twilio) and a number to call from (FollowUp:Calls:CallerId or Twilio:FromNumber).");
        }

        if (staff.Mobile is null)
        {
            return (null, StatusCodes.Status409Conflict, "You have no mobile number in the staff directory to be rung on.");
        }

        if (!IdGenerator.IsInquiryId(inquiryId) || await storage.FindInquiryAsync(inquiryId, cancellationToken) is not { } inquiry)
        {
            return (null, StatusCodes.Status404NotFound, $"No inquiry {inquiryId}.");
        }

        if (inquiry.Phone is null)
        {
            return (null, StatusCodes.Status409Conflict, $"{inquiry.Name} gave no phone number.");
        }

        if (SmsDestinations.Unusable(inquiry.Phone) is { } kind)
        {
            return (null, StatusCodes.Status409Conflict, $"{inquiry.Name}'s number is {kind}; it is not called.");
        }

        if (await attempts.MayCallAsync(inquiryId, staff.Id, cancellationToken) is var (status, reason))
        {
            return (null, status, reason);
        }

        if (await RingingAsync(inquiryId, cancellationToken))
        {
            return (null, StatusCodes.Status409Conflict, "A call to this prospect is already ringing.");
        }

        var bridge = $"{VoicePaths.Bridge}?inquiry={Uri.EscapeDataString(inquiryId)}&staff={Uri.EscapeDataString(staff.Id)}";
        var (client, _) = twilio.Connect();
        CallResource call;
        try
        {
            call = await CallResource.CreateAsync(new CreateCallOptions(new PhoneNumber(staff.Mobile), new PhoneNumber(callerId))
            {
                Url = new Uri(urls.Value.UrlFor(bridge)),
                Timeout = (int)options.Value.RingFor.TotalSeconds,
            }, client);
        }
        catch (ApiException refused)
        {
            var code = (refused.Code != 0 ? refused.Code : refused.Status).ToString(CultureInfo.InvariantCulture);
            CallsLog.CallRefused(logger, inquiryId, code); // Twilio's message can name the staff mobile unmasked: only the code is logged
            return (null, StatusCodes.Status409Conflict, $"Twilio refused the call ({code}): {refused.Message}");
        }

        var now = time.GetUtcNow();
        await storage.Inquiries.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new CallEntity
            {
                PartitionKey = inquiryId, RowKey = CallEntity.Row(call.Sid), At = now, Direction = CallEntity.Callback, Outcome = CallEntity.Ringing,
                StaffId = staff.Id, StaffName = staff.Name,
            }),
            new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiryId, now, 0, "call-started", $"{staff.Name} is calling {inquiry.Name} through the business number.", actor: staff.Id)),
        ], cancellationToken);
        CallsLog.CallPlaced(logger, call.Sid, inquiryId, staff.Id);
        return (call.Sid, StatusCodes.Status202Accepted, null);
    }

    /// <summary>
    /// Whether a callback to the inquiry is still ringing (or on the line): placed within the ring time and two minutes
    /// more, and not ended. The attempt cap counts only ended calls, so this keeps quick repeats from ringing twice.
    /// </summary>
    private async Task<bool> RingingAsync(string inquiryId, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - options.Value.RingFor - TimeSpan.FromMinutes(2);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {inquiryId} and RowKey ge {CallEntity.Prefix} and RowKey lt {InquiryRows.PrefixEnd(CallEntity.Prefix)} and Direction eq {CallEntity.Callback} and Outcome eq {CallEntity.Ringing} and At ge {since}");
        await foreach (var _ in storage.Inquiries.QueryAsync<CallEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }
}
