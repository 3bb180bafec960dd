using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace FollowUp.Notifications;

/// <summary>
/// Sends email through SendGrid v3 (<c>/v3/mail/send</c>) with the SendGrid package: plain text and
/// HTML, the outbox ids in <c>custom_args</c> (they come back on every event), SendGrid's unsubscribe
/// link, and the business's postal address in the footer (CAN-SPAM).
/// </summary>
internal sealed class SendGridEmailSender(
    IHttpClientFactory clients,
    IOptions<SendGridOptions> options,
    ReplyAddresses replyAddresses,
    IOptions<BusinessOptions> business,
    TimeProvider time) : IEmailSender
{
    public const string ClientName = "sendgrid";

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var sendGrid = options.Value;
        var client = new SendGridClient(clients.CreateClient(ClientName), new SendGridClientOptions
        {
            ApiKey = sendGrid.ApiKey,
            Host = sendGrid.BaseUrl,
            HttpErrorAsException = false,
        });

        var footer = $"{business.Value.Name}, {business.Value.PostalAddress}";
        var mail = MailHelper.CreateSingleEmail(
            new EmailAddress(sendGrid.FromEmail, business.Value.Name),
            new EmailAddress(message.To),
            message.Subject ?? business.Value.Name,
            $"{message.Body}\n\n--\n{footer}",
            $"<p>{WebUtility.HtmlEncode(message.Body).Replace("\n\n", "</p><p>").Replace("\n", "<br>")}</p>" +
            $"<hr><p style=\"color:#555;font-size:12px\">{WebUtility.HtmlEncode(footer)}</p>");
        if (MessageKinds.PartyOf(message.Kind) is { } party && replyAddresses.For(message.InquiryId, party) is { } replyTo)
        {
            mail.SetReplyTo(new EmailAddress(replyTo, business.Value.Name));
        }

        mail.AddCustomArg(SendGridOptions.InquiryIdArg, message.InquiryId);
        mail.AddCustomArg(SendGridOptions.MessageIdArg, message.MessageId);
        mail.SetSubscriptionTracking(true);
        mail.SetSandBoxMode(sendGrid.SandboxMode);

        try
        {
            var response = await client.SendEmailAsync(mail, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var id = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
                return new SendOutcome.Accepted(id ?? "sendgrid-" + message.MessageId);
            }

            var reason = await ErrorMessageAsync(response, cancellationToken);
            var code = status.ToString(CultureInfo.InvariantCulture);
            if (status is 429 or >= 500)
            {
                var retryAfter = response.Headers.RetryAfter?.Delta
                    ?? (response.Headers.TryGetValues("X-RateLimit-Reset", out var reset) && long.TryParse(reset.FirstOrDefault(), out var epoch)
                        ? DateTimeOffset.FromUnixTimeSeconds(epoch) - time.GetUtcNow()
                        : null);
                return new SendOutcome.Transient(code, reason, retryAfter);
            }

            return new SendOutcome.Permanent(code, reason);
        }
        catch (Exception ex) when (TransportFailures.Classify(ex, cancellationToken) is { } outcome)
        {
            return outcome;
        }
    }

    /// <summary>SendGrid's error body: <c>{"errors":[{"message":"…","field":"…","help":null}]}</c>.</summary>
    private static async Task<string> ErrorMessageAsync(Response response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Body.ReadAsStringAsync(cancellationToken));
            return body.RootElement.GetProperty("errors")[0].GetProperty("message").GetString() ?? response.StatusCode.ToString();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return response.StatusCode.ToString();
        }
    }
}
