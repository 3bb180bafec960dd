using System.Globalization;
using Microsoft.Extensions.Options;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace FollowUp.Notifications;

/// <summary>
/// Sends SMS with Twilio's helper library (<see cref="MessageResource"/>) on the app's resilient HTTP
/// client, and looks messages up again after an ambiguous attempt. Each call gets its own
/// <see cref="TwilioRestClient"/> (never the global <c>TwilioClient.Init</c>), so settings are read per
/// call and a refusal's <c>Retry-After</c> can be read from that call's own response. The HTTP client
/// never retries a send by itself: a blind retry of a POST that reached Twilio would text twice.
/// </summary>
internal sealed class TwilioSmsSender(
    TwilioClients clients,
    IOptions<TwilioOptions> options,
    IOptions<PublicUrlOptions> publicUrl,
    TimeProvider time) : ISmsSender
{
    public const string ClientName = TwilioOptions.HttpClientName;

    /// <summary>Messages per page of a lookup (Twilio's own default).</summary>
    private const int LookupPageSize = 50;

    /// <summary>The most messages a lookup reads: 20 pages of texts sent to one number since the earlier attempt.</summary>
    private const int LookupLimit = 1000;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var twilio = options.Value;
        var (client, http) = clients.Connect();
        var create = new CreateMessageOptions(new PhoneNumber(message.To))
        {
            Body = message.Body,
            StatusCallback = new Uri(publicUrl.Value.TwilioStatusUrl(message.InquiryId, message.MessageId)),
        };
        if (string.IsNullOrWhiteSpace(twilio.MessagingServiceSid))
        {
            create.From = new PhoneNumber(twilio.FromNumber);
        }
        else
        {
            create.MessagingServiceSid = twilio.MessagingServiceSid;
        }

        try
        {
            var created = await MessageResource.CreateAsync(create, client);
            return created?.Sid is { Length: > 0 } sid
                ? new SendOutcome.Accepted(sid, created.Status?.ToString())
                : new SendOutcome.Ambiguous("Twilio accepted the request but returned no message sid.");
        }
        catch (ApiException refused)
        {
            var status = refused.Status;
            var code = (refused.Code != 0 ? refused.Code : status).ToString(CultureInfo.InvariantCulture);
            return status is 429 or >= 500
                ? new SendOutcome.Transient(code, refused.Message, http.LastResponse?.Headers is { } headers ? TransportFailures.RetryAfter(headers, time) : null)
                : new SendOutcome.Permanent(code, refused.Message);
        }
        catch (ApiConnectionException unanswered) when (TransportFailures.Classify(unanswered.InnerException ?? unanswered, cancellationToken) is { } outcome)
        {
            return outcome;
        }
    }

    public async Task<string?> FindSentAsync(OutgoingMessage message, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // Newest first, page by page (a staff mobile gets many texts), until past the time of the earlier
        // attempt; a message still queued has no DateSent yet, so match recipient, text and creation time.
        var (client, _) = clients.Connect();
        var messages = await MessageResource.ReadAsync(new ReadMessageOptions { To = new PhoneNumber(message.To), PageSize = LookupPageSize, Limit = LookupLimit }, client);
        // Allows for our clock and Twilio's disagreeing by a few minutes.
        var after = since - TimeSpan.FromMinutes(5);
        foreach (var sent in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (sent.DateCreated is not { } created || new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) < after)
            {
                break;
            }

            if (sent.Body is not null && sent.Body.EndsWith(message.Body, StringComparison.Ordinal))
            {
                return sent.Sid;
            }
        }

        return null;
    }
}
