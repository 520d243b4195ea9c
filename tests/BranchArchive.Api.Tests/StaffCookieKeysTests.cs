using System.Security.Claims;
using BranchArchive.Api.Tests.Support;
using BranchArchive.WebApp.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BranchArchive.Api.Tests;

/// <summary>
/// Behind a load balancer the next request may reach another API pod: with WebApp:DataProtectionKeysPath
/// on a shared volume, a staff cookie made by one replica opens on another; with other keys it does not.
/// </summary>
public sealed class StaffCookieKeysTests
{
    [Fact]
    public async Task A_staff_cookie_made_by_one_replica_opens_on_another_that_shares_the_keys_directory()
    {
        var shared = Directory.CreateTempSubdirectory("branch-archive-keys-").FullName;
        var elsewhere = Directory.CreateTempSubdirectory("branch-archive-keys-").FullName;
        await using var first = await ArchiveHost.StartAsync(extra: new() { ["WebApp:DataProtectionKeysPath"] = shared });
        await using var second = await ArchiveHost.StartAsync(extra: new() { ["WebApp:DataProtectionKeysPath"] = shared });
        await using var other = await ArchiveHost.StartAsync(extra: new() { ["WebApp:DataProtectionKeysPath"] = elsewhere });
        var ticket = new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "clerk.keys")], StaffCookie.Scheme)), StaffCookie.Scheme);

        var cookie = CookieFormat(first).Protect(ticket);

        Assert.Equal("clerk.keys", CookieFormat(second).Unprotect(cookie)?.Principal.Identity?.Name);
        Assert.Null(CookieFormat(other).Unprotect(cookie));
        Assert.NotEmpty(Directory.GetFiles(shared, "key-*.xml"));
    }

    /// <summary>How the host seals and opens its staff cookie (the cookie handler's own format).</summary>
    private static ISecureDataFormat<AuthenticationTicket> CookieFormat(ArchiveHost host) =>
        host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(StaffCookie.Scheme).TicketDataFormat;
}
