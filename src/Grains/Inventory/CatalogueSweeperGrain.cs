using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace BranchArchive.Grains.Inventory;

public sealed partial class CatalogueSweeperGrain(ICatalogue catalogue, IOptions<ClusterOptions> cluster, ILogger<CatalogueSweeperGrain> logger)
    : Grain, ICatalogueSweeperGrain
{
    // A sweep compares every stored file with its line: at a million files that is ~20 s of one
    // core on SQLite. Lines fall behind only when a process dies between two writes, and a silo
    // that died sweeps when it starts again; the hourly sweep covers a silo that never comes back.
    private static readonly TimeSpan FirstSweep = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);
    private static readonly Actor Sweeper = new("system:catalogue-sweeper", StaffRoles.Admin, null);

    private IGrainTimer? _timer;

    public Task Start()
    {
        _timer ??= this.RegisterGrainTimer(async _ => await Sweep(), new GrainTimerCreationOptions(FirstSweep, Period) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task<int> Sweep()
    {
        var total = 0;
        for (var round = 0; round < 100; round++)
        {
            // Off the grain scheduler: Microsoft.Data.Sqlite runs "async" queries synchronously.
            var behind = await Task.Run(() => catalogue.FindBehindAsync(cluster.Value.ServiceId, 500));
            if (behind.Count == 0)
            {
                break;
            }
            // Waking a file is enough: on activation it writes its catalogue line.
            await Task.WhenAll(behind.Select(id => GrainFactory.GetGrain<ICustomerFileGrain>(id).Get(Sweeper)));
            total += behind.Count;
        }
        if (total > 0)
        {
            LogCaughtUp(total);
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The catalogue was behind for {Count} file(s); they were brought up to date")]
    private partial void LogCaughtUp(int count);
}
