using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.WebApp.SignIn;

/// <summary>
/// Where the keys that encrypt the staff cookie (and the antiforgery tokens) live. Behind a load
/// balancer every API replica must read the same keys, or a sign-in made on one pod is refused by
/// the next; <see cref="WebAppOptions.DataProtectionKeysPath"/> names a shared directory for them.
/// The application name is fixed so that pods whose content roots differ still share the keys.
/// </summary>
public static class StaffCookieKeys
{
    public const string ApplicationName = "branch-archive-staff";

    public static IServiceCollection AddStaffCookieKeys(this IServiceCollection services, WebAppOptions options)
    {
        if (options.DataProtectionKeysPath is { Length: > 0 } path)
        {
            services.AddDataProtection()
                .SetApplicationName(ApplicationName)
                .PersistKeysToFileSystem(Directory.CreateDirectory(path));
        }
        return services;
    }
}
