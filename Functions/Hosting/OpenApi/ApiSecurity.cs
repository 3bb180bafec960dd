using System.Text.Json.Nodes;

namespace FollowUp.Hosting.OpenApi;

/// <summary>How each kind of caller proves who it is, as OpenAPI security schemes, and what a caller without it gets.</summary>
internal static class ApiSecurity
{
    private static readonly Dictionary<ApiCaller, (string Scheme, Func<JsonObject> Describe)> Callers = new()
    {
        [ApiCaller.Staff] = ("staffKey", () => new JsonObject
        {
            ["type"] = "http",
            ["scheme"] = "bearer",
            ["description"] = "A staff member's API key (FollowUp:Staff:n:ApiKey); or, where App Service Authentication is on, a sign-in (X-MS-CLIENT-PRINCIPAL, set by the platform).",
        }),
        [ApiCaller.Twilio] = ("twilioSignature", () => Header("X-Twilio-Signature",
            "Twilio's HMAC-SHA1 with Twilio:AuthToken over FollowUp:PublicBaseUrl + path and query + the sorted form fields.")),
        [ApiCaller.SendGridEvents] = ("sendGridSignature", () => Header("X-Twilio-Email-Event-Webhook-Signature",
            "ECDSA over X-Twilio-Email-Event-Webhook-Timestamp + the raw body, checked with SendGrid:WebhookPublicKey.")),
        [ApiCaller.SendGridInbound] = ("inboundParseKey", () => new JsonObject
        {
            ["type"] = "apiKey",
            ["in"] = "query",
            ["name"] = "key",
            ["description"] = "SendGrid:InboundParseKey, in the Inbound Parse URL (Inbound Parse does not sign its posts).",
        }),
    };

    public static JsonObject Schemes() => new(Callers.Values.Select(c => KeyValuePair.Create<string, JsonNode?>(c.Scheme, c.Describe())));

    /// <summary>The operation's <c>security</c>, or null for anyone.</summary>
    public static JsonArray? Requirement(ApiCaller caller) =>
        Callers.TryGetValue(caller, out var c) ? [new JsonObject { [c.Scheme] = new JsonArray() }] : null;

    /// <summary>What the function's own check answers a caller without the credential: 401 for staff, 403 for a webhook.</summary>
    public static IEnumerable<int> Refusals(ApiCaller caller) => caller switch
    {
        ApiCaller.Anyone => [],
        ApiCaller.Staff => [StatusCodes.Status401Unauthorized],
        _ => [StatusCodes.Status403Forbidden],
    };

    private static JsonObject Header(string name, string description) => new()
    {
        ["type"] = "apiKey",
        ["in"] = "header",
        ["name"] = name,
        ["description"] = description,
    };
}
