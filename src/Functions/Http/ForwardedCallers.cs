using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Courier.Functions.Http;

/// <summary>
/// Behind a reverse proxy or gateway every caller seems to be the proxy, so start audits and logs would name
/// it instead of the caller. <c>Courier:TrustedProxies</c> (addresses or CIDR ranges, comma-separated) lists
/// the proxies whose <c>X-Forwarded-For</c> is believed; from anyone else the header is ignored, so a caller
/// cannot pose as another address. Without the setting nothing is trusted, not even loopback.
/// </summary>
public static class ForwardedCallers
{
    public const string Setting = "Courier:TrustedProxies";

    public static IServiceCollection AddCourierForwardedCallers(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var entry in (configuration[Setting] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (IPAddress.TryParse(entry, out var address))
                {
                    options.KnownProxies.Add(address);
                }
                else if (System.Net.IPNetwork.TryParse(entry, out var network))
                {
                    options.KnownIPNetworks.Add(network);
                }
                else
                {
                    throw new InvalidOperationException($"{Setting} holds '{entry}', which is neither an IP address nor a CIDR range.");
                }
            }
            // The middleware believes everyone when both lists are empty: with no proxy named, read no header at all.
            options.ForwardedHeaders = options.KnownProxies.Count + options.KnownIPNetworks.Count > 0 ? ForwardedHeaders.XForwardedFor : ForwardedHeaders.None;
        });
        return services;
    }
}
