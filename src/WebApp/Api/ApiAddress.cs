using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace BranchArchive.WebApp.Api;

/// <summary>
/// Where the web app finds the API: <c>WebApp:ApiBaseAddress</c> when set (production, behind a
/// load balancer), otherwise the address this very process listens on (the embedded default).
/// </summary>
public sealed class ApiAddress(IOptions<WebAppOptions> options, IServer server)
{
    private Uri? _base;

    public Uri Base => _base ??= Resolve();

    private Uri Resolve()
    {
        if (options.Value.ApiBaseAddress is { Length: > 0 } configured)
        {
            return new Uri(configured.EndsWith('/') ? configured : configured + "/");
        }
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(address => address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1"))
            .OrderBy(address => address.StartsWith("https", StringComparison.Ordinal) ? 1 : 0)
            .FirstOrDefault()
            ?? throw new InvalidOperationException("The server listens nowhere yet; set WebApp:ApiBaseAddress.");
        return new Uri(listening.TrimEnd('/') + "/");
    }
}
