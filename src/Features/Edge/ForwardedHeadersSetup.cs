using System.Net;
using AdminPortal.Data;
using Microsoft.AspNetCore.HttpOverrides;

namespace AdminPortal.Features.Edge;

/// <summary>
/// <c>ForwardedHeaders</c> section: which reverse proxies may tell the app the client's address, scheme and host
/// (X-Forwarded-For/-Proto/-Host). By default only loopback is trusted — the usual proxy on the same machine;
/// <c>KnownProxies</c> (addresses) and <c>KnownNetworks</c> (CIDR ranges) replace that list when either is set.
/// Headers from any other address are ignored, so a client cannot claim https or another host by sending them itself.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public const string Section = "ForwardedHeaders";
    public const string KnownProxiesKey = Section + ":KnownProxies";
    public const string KnownNetworksKey = Section + ":KnownNetworks";

    /// <summary>Reads the section now, so a bad address stops start-up with the key's name.</summary>
    public static Action<ForwardedHeadersOptions> Read(IConfiguration configuration)
    {
        var proxies = Values(configuration, KnownProxiesKey)
            .Select(value => IPAddress.TryParse(value, out var address)
                ? address
                : throw new StartupConfigurationException(KnownProxiesKey, $"'{value}' is not an IP address such as 10.0.0.2."))
            .ToList();
        var networks = Values(configuration, KnownNetworksKey)
            .Select(value => System.Net.IPNetwork.TryParse(value, out var network)
                ? network
                : throw new StartupConfigurationException(KnownNetworksKey, $"'{value}' is not a network such as 10.0.0.0/8."))
            .ToList();
        var allowedHosts = AllowedHosts(configuration);

        return options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // ASP.NET Core's defaults (127.0.0.0/8 and ::1) hold until the operator names the proxies.
            if (proxies.Count + networks.Count > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
            }
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
            // A trusted proxy may pass on the host the client asked for, but only one the app answers to.
            if (allowedHosts.Length > 0)
            {
                options.AllowedHosts = allowedHosts;
            }
        };
    }

    /// <summary><c>AllowedHosts</c> as host filtering reads it (semicolon-separated); empty for <c>*</c>.</summary>
    private static string[] AllowedHosts(IConfiguration configuration)
    {
        var hosts = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return hosts.Contains("*") ? [] : hosts;
    }

    /// <summary>A list key given as an array (<c>KnownProxies:0</c>, …) or as one value separated by <c>;</c> or <c>,</c>.</summary>
    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        return section.GetChildren().Select(child => child.Value).Append(section.Value)
            .SelectMany(value => (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
