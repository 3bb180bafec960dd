using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SendGrid.Helpers.EventWebhook;

namespace FollowUp.Webhooks;

/// <summary>
/// SendGrid's Event Webhook (function <c>SendGridEvents</c>): the body must carry a valid ECDSA signature
/// (<c>X-Twilio-Email-Event-Webhook-Signature</c> over the timestamp and the raw body) from the key in
/// <c>SendGrid:WebhookPublicKey</c>, else 403 and nothing is stored. Events are deduplicated by
/// <c>sg_event_id</c>; bounces, drops, spam reports and unsubscribes stop email to the address;
/// deliveries and opens go on the inquiry's timeline.
/// </summary>
internal static class SendGridEventsApi
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";
    public const string EventPartition = RuntimeEntity.SendGridEventPartition;
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Signed requests older than this are refused, so a captured one cannot be replayed later.</summary>
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private static readonly HashSet<string> Suppressing = ["bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe"];
    private static readonly HashSet<string> Recorded = ["delivered", "open", "bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe"];

    public static async Task<Results<NoContent, ProblemHttpResult>> SendGridEvents(
        HttpRequest request, FollowUpStorage storage, OptOuts optOuts, IOptions<SendGridOptions> options, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var logger = logs.CreateLogger(typeof(SendGridEventsApi));
        var bytes = await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        var body = bytes is null ? null : Encoding.UTF8.GetString(bytes);
        if (body is null)
        {
            return TypedResults.Problem($"The body may be at most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
        }

        if (!IsSigned(request, body, options.Value.WebhookPublicKey, time.GetUtcNow(), logger))
        {
            WebhooksLog.Forged(logger, request.Path);
            return TypedResults.Problem("The request is not signed with the configured SendGrid key.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        List<JsonElement> events;
        try
        {
            using var document = JsonDocument.Parse(body);
            events = document.RootElement.ValueKind == JsonValueKind.Array
                ? [.. document.RootElement.EnumerateArray().Select(e => e.Clone())]
                : throw new JsonException("not an array");
        }
        catch (JsonException)
        {
            return TypedResults.Problem("The body must be a JSON array of events.", statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON");
        }

        foreach (var item in events)
        {
            await HandleAsync(item, storage, optOuts, time.GetUtcNow(), logger, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task HandleAsync(JsonElement item, FollowUpStorage storage, OptOuts optOuts, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        if (item.ValueKind != JsonValueKind.Object || Text(item, "sg_event_id") is not { Length: > 0 } eventId || Text(item, "event") is not { } type)
        {
            return;
        }

        var seen = new TableEntity(EventPartition, Uri.EscapeDataString(eventId)) { ["Event"] = type, ["ReceivedAt"] = now };
        try
        {
            await storage.Runtime.AddEntityAsync(seen, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return;
        }

        try
        {
            var email = Text(item, "email");
            WebhooksLog.EmailEvent(logger, type, Mask.Email(email));
            if (Suppressing.Contains(type) && email is not null)
            {
                await optOuts.SuppressEmailAsync(email, $"SendGrid {type}", now, cancellationToken);
            }

            // Only about a message that still exists and still goes to that address: an event about an inquiry
            // erased (or never stored), or about a recipient cut out of one, writes nothing.
            if (Recorded.Contains(type)
                && Text(item, SendGridOptions.InquiryIdArg) is { Length: > 0 } inquiryId
                && Text(item, SendGridOptions.MessageIdArg) is { Length: > 0 } messageId
                && await IsToAsync(storage, inquiryId, messageId, email, cancellationToken))
            {
                var reason = Text(item, "reason");
                var detail = reason is null ? $"Email {type}." : $"Email {type}: {reason}";
                await storage.Inquiries.AddEntityAsync(InquiryRows.NewEvent(inquiryId, now, 0, "email-" + type, detail, messageId: messageId), cancellationToken);
            }
        }
        catch
        {
            // Let SendGrid's retry deliver it again.
            await storage.Runtime.DeleteEntityAsync(seen.PartitionKey, seen.RowKey, cancellationToken: CancellationToken.None);
            throw;
        }
    }

    private static async Task<bool> IsToAsync(FollowUpStorage storage, string inquiryId, string messageId, string? email, CancellationToken cancellationToken)
    {
        var row = await storage.Inquiries.GetEntityIfExistsAsync<OutboxEntity>(
            inquiryId, InquiryRows.Outbox(messageId), [nameof(OutboxEntity.Recipient)], cancellationToken);
        return row.HasValue && row.Value is { } message && EmailSender.Same(message.Recipient, email);
    }

    private static bool IsSigned(HttpRequest request, string body, string? publicKey, DateTimeOffset now, ILogger logger)
    {
        var signature = request.Headers[SignatureHeader].ToString();
        var timestamp = request.Headers[TimestampHeader].ToString();
        if (string.IsNullOrWhiteSpace(publicKey) || signature.Length == 0 || !long.TryParse(timestamp, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxAge)
        {
            return false;
        }

        var validator = new RequestValidator();
        EllipticCurve.PublicKey key;
        try
        {
            key = validator.ConvertPublicKeyToECDSA(publicKey);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            WebhooksLog.BadSendGridKey(logger, ex);
            return false;
        }

        try
        {
            return validator.VerifySignature(key, body, signature, timestamp);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The helper parses the signature's DER by hand: a malformed one from a caller throws all
            // sorts (format, overflow, index, cryptographic), and every one of them means "not signed".
            WebhooksLog.MalformedSendGridSignature(logger, ex.GetType().Name);
            return false;
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
