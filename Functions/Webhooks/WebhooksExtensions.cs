namespace FollowUp.Webhooks;

internal static class WebhooksExtensions
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTwilioWebhooks();
        endpoints.MapSendGridEvents();
        return endpoints;
    }
}
