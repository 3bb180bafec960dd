using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Webhooks;

/// <summary>
/// The providers' webhooks. Anonymous to the host: each checks its provider's signature itself
/// (Twilio's HMAC for the request URL, SendGrid's ECDSA, the Inbound Parse URL key), so a forged call changes nothing.
/// </summary>
internal sealed class WebhookFunctions(HttpEdge edge)
{
    [Function("TwilioStatus")]
    [ApiOperation("Twilio's delivery status for a text the app sent (its StatusCallback)", ApiCaller.Twilio, Consumes = ["application/x-www-form-urlencoded"], Query = ["inquiry: the inquiry id", "message: the outbox message id"])]
    [ApiResponse(204)]
    [ApiProblems(413)]
    public Task<IResult> TwilioStatus([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/status")] HttpRequest request) =>
        edge.RunAsync(request, TwilioWebhooksApi.TwilioStatus, TwilioSignature.VerifyAsync);

    [Function("TwilioInbound")]
    [ApiOperation("A text to the business number: STOP/START/HELP, a staff command, or a reply", ApiCaller.Twilio, Consumes = ["application/x-www-form-urlencoded"])]
    [ApiResponse(200, ContentType = "text/xml", Description = "TwiML with the reply to send back, if any")]
    [ApiProblems(413)]
    public Task<IResult> TwilioInbound([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/inbound")] HttpRequest request) =>
        edge.RunAsync(request, TwilioWebhooksApi.TwilioInbound, TwilioSignature.VerifyAsync);

    [Function("SendGridEvents")]
    [ApiOperation("SendGrid's Event Webhook: a JSON array of delivery events", ApiCaller.SendGridEvents, Consumes = ["application/json"])]
    [ApiResponse(204)]
    [ApiProblems(400, 413)]
    public Task<IResult> SendGridEvents([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sendgrid/events")] HttpRequest request) =>
        edge.RunAsync(request, SendGridEventsApi.SendGridEvents);

    [Function("SendGridInbound")]
    [ApiOperation("SendGrid Inbound Parse: an email reply to a party's reply address", ApiCaller.SendGridInbound, Consumes = ["multipart/form-data"])]
    [ApiResponse(200)]
    [ApiProblems(400, 413, 415, 422)]
    public Task<IResult> SendGridInbound([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sendgrid/inbound")] HttpRequest request) =>
        edge.RunAsync(request, SendGridInboundApi.SendGridInbound);
}
