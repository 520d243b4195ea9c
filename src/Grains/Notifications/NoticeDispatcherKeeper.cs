using BranchArchive.Contracts.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Notifications;

/// <summary>
/// Keeps the cluster's one dispatcher running: every silo asks it to start every period (an
/// idempotent call). When the silo that held it dies, the next ask activates it on a living silo,
/// whose timer picks up the undispatched notices and due deliveries from the database.
/// </summary>
public sealed partial class NoticeDispatcherKeeper(IGrainFactory grains, IOptions<NotificationOptions> options, ILogger<NoticeDispatcherKeeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DispatchPeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await grains.GetGrain<INoticeDispatcherGrain>(0).Start();
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogNotStarted(failure); // the silo is starting or stopping, or the cluster is changing: ask again next period
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not reach the notice dispatcher; asking again next period")]
    private partial void LogNotStarted(Exception failure);
}
