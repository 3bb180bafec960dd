using System.Globalization;

namespace FollowUp.Hosting;

/// <summary>
/// How the app is run. When the Functions host starts it as a custom handler it sets
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>; the host then owns triggers and calls the app over HTTP.
/// Otherwise the app is standalone and runs its own queue listener and timers.
/// </summary>
internal sealed record HostingMode(int? CustomHandlerPort)
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string StandaloneUrl = "http://localhost:7071";

    public bool IsCustomHandler => CustomHandlerPort is not null;

    public static HostingMode From(IConfiguration configuration)
    {
        var port = configuration[PortSetting];
        if (string.IsNullOrWhiteSpace(port))
        {
            return new HostingMode(CustomHandlerPort: null);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 65535
            ? new HostingMode(value)
            : throw new InvalidOperationException($"{PortSetting} must be a port number, not '{port}'.");
    }
}
