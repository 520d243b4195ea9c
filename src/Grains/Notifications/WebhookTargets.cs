using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Notifications;

/// <summary>
/// Which addresses a webhook may call (SSRF): https only where required (Production by default),
/// and no loopback, link-local, private, shared or multicast address unless
/// <c>Notifications:AllowPrivateTargets</c>. Checked when a subscription is created (the URL, and
/// what its host resolves to then) and again for every connection (see <see cref="WebhookSender"/>),
/// against the address actually connected to, so a name that later resolves inward is refused too.
/// </summary>
public sealed class WebhookTargets(IOptions<NotificationOptions> options, IHostEnvironment? environment = null)
{
    private bool RequireHttps => options.Value.RequireHttps ?? environment?.IsProduction() ?? true;

    public bool AllowPrivate => options.Value.AllowPrivateTargets;

    /// <summary>Why the URL may not be a webhook, or null when it may.</summary>
    public string? RefusalOf(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttps && (RequireHttps || url.Scheme != Uri.UriSchemeHttp))
        {
            return RequireHttps ? "must be an https URL." : "must be an http or https URL.";
        }
        if (AllowPrivate)
        {
            return null;
        }
        var host = url.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "must not point at this host (localhost).";
        }
        return IPAddress.TryParse(url.HostNameType == UriHostNameType.IPv6 ? url.Host.Trim('[', ']') : host, out var address) && IsForbidden(address)
            ? $"must not point at a loopback, link-local or private address ({address})."
            : null;
    }

    /// <summary>As <see cref="RefusalOf(Uri)"/>, and also refuses a host name that resolves to a forbidden address now.</summary>
    public async Task<string?> RefusalOfResolvedAsync(Uri url, CancellationToken cancellationToken)
    {
        if (RefusalOf(url) is { } refusal)
        {
            return refusal;
        }
        if (AllowPrivate || url.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return null; // not resolvable yet: every connection is checked when it is made
        }
        return addresses.FirstOrDefault(IsForbidden) is not null
            // The resolved address is not named: the caller may not probe the archive's own network by it.
            ? $"must not point at a loopback, link-local or private address ({url.IdnHost} resolves to one)."
            : null;
    }

    /// <summary>May a webhook connect to this address?</summary>
    public bool Allows(IPAddress address) => AllowPrivate || !IsForbidden(address);

    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return true;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (bytes[0] & 0xFE) == 0xFC // unique local fc00::/7
                || address.IsIPv6Teredo;
        }
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,                       // "this network", private, loopback
            100 => b[1] is >= 64 and <= 127,              // shared address space (carrier NAT) 100.64/10
            169 => b[1] == 254,                           // link-local, cloud metadata 169.254.169.254
            172 => b[1] is >= 16 and <= 31,               // private 172.16/12
            192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2), // private 192.168/16, IETF 192.0.0/24, TEST-NET-1
            198 => b[1] is 18 or 19,                      // benchmarking 198.18/15
            >= 224 => true,                               // multicast and reserved
            _ => false,
        };
    }
}
