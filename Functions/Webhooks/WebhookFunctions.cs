using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Webhooks;

/// <summary>
/// The providers' webhooks. Anonymous to the host: each checks its provider's signature itself
/// (Twilio's HMAC for the request URL, SendGrid's ECDSA, the Inbound Parse URL key), so a forged call changes nothing.
/// </summary>
internal sealed class WebhookFunctions(HttpEdge edge)
{
    [Function("TwilioStatus")]
    public Task<IResult> TwilioStatus([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/status")] HttpRequest request) =>
        edge.RunAsync(request, TwilioWebhooksApi.TwilioStatus, TwilioSignature.VerifyAsync);

    [Function("TwilioInbound")]
    public Task<IResult> TwilioInbound([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/inbound")] HttpRequest request) =>
        edge.RunAsync(request, TwilioWebhooksApi.TwilioInbound, TwilioSignature.VerifyAsync);

    [Function("SendGridEvents")]
    public Task<IResult> SendGridEvents([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sendgrid/events")] HttpRequest request) =>
        edge.RunAsync(request, SendGridEventsApi.SendGridEvents);

    [Function("SendGridInbound")]
    public Task<IResult> SendGridInbound([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sendgrid/inbound")] HttpRequest request) =>
        edge.RunAsync(request, SendGridInboundApi.SendGridInbound);
}
