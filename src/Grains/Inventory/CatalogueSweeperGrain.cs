using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace BranchArchive.Grains.Inventory;

public sealed partial class CatalogueSweeperGrain(
    ICatalogue catalogue, IOptions<ClusterOptions> cluster, IOptions<CatalogueSweepOptions> options, ILogger<CatalogueSweeperGrain> logger)
    : Grain, ICatalogueSweeperGrain
{

    private static readonly Actor Sweeper = new("system:catalogue-sweeper", StaffRoles.Admin, null);

    private IGrainTimer? _timer;

    public Task Start()
    {
        _timer ??= this.RegisterGrainTimer(async _ => await Sweep(),
            new GrainTimerCreationOptions(options.Value.FirstSweepAfter, options.Value.SweepPeriod) { KeepAlive = true });
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
