using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Http;

namespace FollowUp.Core;

/// <summary>
/// A Twilio REST client per call on the app's <c>twilio</c> HTTP client (never the global <c>TwilioClient.Init</c>), so
/// settings are read per call and a refusal's headers can be read from that call's own response.
/// </summary>
internal sealed class TwilioClients(IHttpClientFactory clients, IOptions<TwilioOptions> options)
{
    /// <summary>A client for one call: the account's auth token, or an API key when one is set.</summary>
    public (TwilioRestClient Client, SystemNetHttpClient Http) Connect()
    {
        var twilio = options.Value;
        var http = new SystemNetHttpClient(clients.CreateClient(TwilioOptions.HttpClientName));
        var (user, secret) = string.IsNullOrWhiteSpace(twilio.ApiKeySid)
            ? (twilio.AccountSid, twilio.AuthToken)
            : (twilio.ApiKeySid, twilio.ApiKeySecret);
        return (new TwilioRestClient(user, secret, accountSid: twilio.AccountSid, httpClient: http), http);
    }
}
