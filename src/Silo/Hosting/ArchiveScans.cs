using BranchArchive.Contracts.Scans;
using BranchArchive.Persistence.Scans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Silo.Hosting;

/// <summary>
/// The scan store, for the API (uploads and downloads) and the silos (purges). Both kinds of
/// process register it the same way so that, sharing one volume, they see the same content.
/// </summary>
public static class ArchiveScans
{
    /// <summary>Registers the store from the <c>Scans</c> section; without <c>Scans:Path</c> it lives next to <paramref name="sqlitePath"/>.</summary>
    public static IServiceCollection AddArchiveScans(this IServiceCollection services, string sqlitePath)
    {
        services.AddMetrics();
        services.AddOptions<ScanStoreOptions>().BindConfiguration(ScanStoreOptions.Section)
            .PostConfigure(options => options.Path ??= ScanStoreOptions.NextTo(sqlitePath));
        services.TryAddSingleton<ScanMetrics>();
        services.TryAddSingleton<IScanStore>(provider => new FileSystemScanStore(
            provider.GetRequiredService<IOptions<ScanStoreOptions>>().Value.Path!,
            provider.GetRequiredService<ILogger<FileSystemScanStore>>(),
            provider.GetRequiredService<ScanMetrics>()));
        return services;
    }
}
