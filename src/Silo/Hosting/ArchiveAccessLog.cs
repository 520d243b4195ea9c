using BranchArchive.Contracts.AccessLog;
using BranchArchive.Grains.AccessLog;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Silo.Hosting;

/// <summary>The access log of reads: its settings (section <c>AccessLog</c>), its recorder and the keeper that purges it.</summary>
public static class ArchiveAccessLog
{
    public static ISiloBuilder AddArchiveAccessLog(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<AccessLogOptions>().BindConfiguration(AccessLogOptions.Section)
            .Validate(o => o.Retention >= TimeSpan.FromDays(1), "AccessLog:Retention is at least one day.")
            .Validate(o => o.PurgePeriod >= TimeSpan.FromMinutes(1), "AccessLog:PurgePeriod is at least one minute.")
            .ValidateOnStart();
        silo.Services.AddSingleton<AccessRecorder>();
        // Purges on schedule; its start also says, loudly, when the log is turned off.
        silo.AddStartupTask((services, _) =>
            services.GetRequiredService<IGrainFactory>().GetGrain<IAccessLogKeeperGrain>(0).Start());
        return silo;
    }
}
