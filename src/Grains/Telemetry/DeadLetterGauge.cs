using System.Diagnostics.Metrics;
using BranchArchive.Contracts.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Telemetry;

/// <summary>
/// The dead-letter list's size (parked deliveries), read from the database every
/// <see cref="Period"/> so a scrape never queries it. Every silo reports the same cluster-wide
/// value: aggregate with max, not sum (as <see cref="InventoryGauges"/>).
/// </summary>
public sealed partial class DeadLetterGauge : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private readonly INoticeDeliveries _deliveries;
    private readonly ILogger<DeadLetterGauge> _logger;
    private long _parked = -1; // not read yet

    public DeadLetterGauge(INoticeDeliveries deliveries, IMeterFactory meters, ILogger<DeadLetterGauge> logger)
    {
        (_deliveries, _logger) = (deliveries, logger);
        meters.Create(OperationMetrics.MeterName).CreateObservableGauge("archive.notices.dead_letter",
            () => Interlocked.Read(ref _parked) is var parked and >= 0 ? [new Measurement<long>(parked)] : Array.Empty<Measurement<long>>(),
            "{delivery}", "Deliveries parked in the dead-letter list now (an admin may replay them).");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _parked, await _deliveries.CountParkedAsync(cancellationToken));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogReadFailed(failure); // the schema may not be installed yet at start; the next tick reads again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the dead-letter list's size")]
    private partial void LogReadFailed(Exception failure);
}
