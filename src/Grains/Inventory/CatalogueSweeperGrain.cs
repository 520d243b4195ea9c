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

    private const int ScanSlice = 10_000;

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
        for (string? after = ""; after is not null;)
        {
            // Slice by slice (no query runs long), off the grain scheduler: Microsoft.Data.Sqlite
            // runs "async" queries synchronously.
            var from = after;
            var slice = await Task.Run(() => catalogue.FindBehindAsync(cluster.Value.ServiceId, from, ScanSlice));
            // Waking a file is enough: on activation it writes its catalogue line.
            await Task.WhenAll(slice.Behind.Select(id => GrainFactory.GetGrain<ICustomerFileGrain>(id).Get(Sweeper)));
            total += slice.Behind.Count;
            after = slice.Next;
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
