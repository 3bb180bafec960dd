using System.Xml.Linq;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Twilio.TwiML;

namespace FollowUp.Webhooks;

/// <summary>
/// Twilio's webhooks (functions <c>TwilioStatus</c> and <c>TwilioInbound</c>). Every request must carry a
/// valid <c>X-Twilio-Signature</c> for the public URL (<see cref="TwilioSignature"/>); anything else gets 403 and changes nothing.
/// </summary>
internal static class TwilioWebhooksApi
{
    public const string StatusPath = PublicUrlOptions.TwilioStatusPath;
    public const string InboundPath = "/api/twilio/inbound";

    /// <summary>Delivery progress; a status never replaces one further along (delivered stays delivered).</summary>
    private static readonly Dictionary<string, int> StatusRank = new(StringComparer.OrdinalIgnoreCase)
    {
        ["accepted"] = 1, ["scheduled"] = 1, ["queued"] = 1, ["sending"] = 2, ["sent"] = 3,
        ["delivered"] = 4, ["undelivered"] = 4, ["failed"] = 4, ["canceled"] = 4, ["read"] = 5,
    };


    public static async Task<NoContent> TwilioStatus(
        string? inquiry, string? message, HttpRequest request, FollowUpStorage storage, OptOuts optOuts, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var status = form["MessageStatus"].ToString();
        var errorCode = form["ErrorCode"].ToString();
        if (inquiry is null || message is null || !StatusRank.TryGetValue(status, out var rank))
        {
            return TypedResults.NoContent();
        }

        // Statuses arrive out of order and race the sender recording the send: each is applied to the
        // row as stored, under its ETag, and never replaces one further along.
        await storage.Inquiries.ChangeAsync<OutboxEntity, bool>(
            inquiry,
            InquiryRows.Outbox(message),
            row =>
            {
                if (row is null || (row.DeliveryStatus is not null && StatusRank.GetValueOrDefault(row.DeliveryStatus) >= rank))
                {
                    return RowChange<OutboxEntity, bool>.Stop(false);
                }

                row.DeliveryStatus = status.ToLowerInvariant();
                row.ErrorCode = errorCode.Length > 0 ? errorCode : row.ErrorCode;
                row.ProviderMessageId ??= form["MessageSid"].ToString();
                var detail = errorCode.Length > 0 ? $"SMS {row.DeliveryStatus} (Twilio error {errorCode})." : $"SMS {row.DeliveryStatus}.";
                return RowChange<OutboxEntity, bool>.Save(row, true, rank >= 4
                    ? [new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiry, time.GetUtcNow(), 0, $"{row.Kind}-{row.DeliveryStatus}", detail, messageId: message))]
                    : []);
            },
            () => false,
            cancellationToken,
            attempts: 5);

        // Twilio's error for a recipient who texted STOP to the sending number.
        if (errorCode == "21610" && form["To"].ToString() is { Length: > 0 } to)
        {
            await optOuts.SetSmsOptOutAsync(to, true, "Twilio reports the number unsubscribed (21610)", time.GetUtcNow(), cancellationToken);
        }

        return TypedResults.NoContent();
    }

    public static async Task<ContentHttpResult> TwilioInbound(
        HttpRequest request,
        OptOuts optOuts,
        IEnumerable<IInboundSmsCommand> commands,
        IOptions<BusinessOptions> business,
        TimeProvider time,
        ILoggerFactory logs,
        CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var sms = new InboundSms(form["From"].ToString(), form["To"].ToString(), form["Body"].ToString().Trim(), form["MessageSid"].ToString());
        var logger = logs.CreateLogger(typeof(TwilioWebhooksApi));
        if (sms.From.Length == 0)
        {
            return TwiML(null);
        }

        if (SmsKeywords.Stop.Contains(sms.Body))
        {
            // Twilio itself confirms opt-outs and opt-ins to the sender, so no reply of our own.
            await optOuts.SetSmsOptOutAsync(sms.From, true, $"replied {sms.Body.ToUpperInvariant()}", time.GetUtcNow(), cancellationToken);
            WebhooksLog.OptedOut(logger, Mask.Phone(sms.From));
            return TwiML(null);
        }

        if (SmsKeywords.Start.Contains(sms.Body))
        {
            await optOuts.SetSmsOptOutAsync(sms.From, false, $"replied {sms.Body.ToUpperInvariant()}", time.GetUtcNow(), cancellationToken);
            WebhooksLog.OptedIn(logger, Mask.Phone(sms.From));
            return TwiML(null);
        }

        if (SmsKeywords.Help.Contains(sms.Body))
        {
            return TwiML($"{business.Value.Name}: {business.Value.HelpText}");
        }

        foreach (var command in commands)
        {
            if (await command.TryHandleAsync(sms, cancellationToken) is { } reply)
            {
                return TwiML(reply);
            }
        }

        return TwiML(null);
    }

    /// <summary>A TwiML answer (Twilio's <see cref="MessagingResponse"/>): one reply message, or none.</summary>
    private static ContentHttpResult TwiML(string? reply)
    {
        var response = new MessagingResponse();
        if (reply is not null)
        {
            response.Message(reply);
        }

        return TypedResults.Content(response.ToString(SaveOptions.DisableFormatting), "text/xml; charset=utf-8");
    }
}
