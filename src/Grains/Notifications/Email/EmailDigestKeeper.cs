using BranchArchive.Contracts.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Notifications.Email;

/// <summary>
/// Keeps the cluster's one digest grain running: every silo asks it to start every check period (an
/// idempotent call), so when the silo that held it dies, a living silo activates it again and its
/// timer carries on from the stored cursors.
/// </summary>
public sealed class EmailDigestKeeper(IGrainFactory grains, IOptions<EmailOptions> options, ILogger<EmailDigestKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DigestCheckPeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await grains.GetGrain<IEmailDigestGrain>(0).Start();
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The silo is starting or stopping, or the cluster is changing: ask again next period.
                logger.LogDebug(failure, "The e-mail digest could not be asked to start");
            }
        }
    }
}
