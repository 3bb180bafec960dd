using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// Sends the library's requests (addressed to <c>https://api.twilio.com</c>) to <see cref="TwilioOptions.BaseUrl"/>
/// instead, when it names another server: a regional endpoint, or a stand-in in tests.
/// </summary>
internal sealed class TwilioBaseUrlHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && Uri.TryCreate(options.Value.BaseUrl, UriKind.Absolute, out var target)
            && uri.Host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase) && !string.Equals(uri.Host, target.Host, StringComparison.OrdinalIgnoreCase))
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
