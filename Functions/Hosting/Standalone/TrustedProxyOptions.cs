using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace FollowUp.Hosting.Standalone;

/// <summary>
/// Which callers of the standalone app may say who the client is (<c>X-Forwarded-For</c>,
/// <c>X-Forwarded-Proto</c>): none unless named. Anyone else's header is ignored, so rotating it cannot
/// dodge the per-client limit on the public forms. Under the Functions host the platform's own front end
/// sets the header and it is believed.
/// </summary>
internal sealed class TrustedProxyOptions : IValidatableObject
{
    public const string SectionName = "FollowUp:Http";

    /// <summary>Addresses (<c>10.0.0.4</c>) or networks (<c>10.0.0.0/24</c>) of the reverse proxies in front of the app.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Believes forwarded headers only from <see cref="TrustedProxies"/>, and only the entry the last of them added.</summary>
    public void ApplyTo(ForwardedHeadersOptions options)
    {
        // With no known proxy or network at all the middleware would believe every caller, so none named means none read.
        options.ForwardedHeaders = TrustedProxies.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the older list still holds loopback by default, and the middleware reads it too
        options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
        foreach (var proxy in TrustedProxies)
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in TrustedProxies.Where(p => !IPAddress.TryParse(p, out _) && !System.Net.IPNetwork.TryParse(p, out _)))
        {
            yield return new ValidationResult(
                $"{SectionName}:TrustedProxies has '{proxy}', which is neither an IP address nor a network such as 10.0.0.0/24.", [nameof(TrustedProxies)]);
        }
    }
}
