using System.Diagnostics.Metrics;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Telemetry;

/// <summary>
/// Archive-wide gauges (open loans, overdue loans, files in transit, damaged, missing) read from
/// the catalogue's summary every <see cref="Period"/>; the callbacks only return the last reading,
/// so a scrape never queries the database. Every silo reports the same cluster-wide values:
/// aggregate them with max, not sum.
/// </summary>
public sealed partial class InventoryGauges : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private readonly ICatalogue _catalogue;
    private readonly TimeProvider _clock;
    private readonly ILogger<InventoryGauges> _logger;
    private readonly Lock _gate = new();
    private InventorySummary? _last;
    private long _readsStarted;
    private long _lastRead;

    public InventoryGauges(ICatalogue catalogue, TimeProvider clock, IMeterFactory meters, ILogger<InventoryGauges> logger)
    {
        (_catalogue, _clock, _logger) = (catalogue, clock, logger);
        var meter = meters.Create(OperationMetrics.MeterName);
        meter.CreateObservableGauge("archive.loans.open", () => Reading(s => Count(s, FileStatus.CheckedOut)), "{loan}", "Files checked out now.");
        meter.CreateObservableGauge("archive.loans.overdue", () => Reading(s => s.Overdue), "{loan}", "Open loans past their due date.");
        meter.CreateObservableGauge("archive.files.in_transit", () => Reading(s => Count(s, FileStatus.InTransit)), "{file}", "Files travelling between branches.");
        meter.CreateObservableGauge("archive.files.damaged", () => Reading(s => Count(s, FileStatus.Damaged)), "{file}", "Files waiting for repair.");
        meter.CreateObservableGauge("archive.files.missing", () => Reading(s => Count(s, FileStatus.Missing)), "{file}", "Files not found where they belong.");
    }

    /// <summary>Reads the summary once now (also what the loop does each period).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var read = Interlocked.Increment(ref _readsStarted);
        var summary = await _catalogue.SummaryAsync(null, _clock.GetUtcNow(), cancellationToken);
        lock (_gate)
        {
            // A slow earlier reading must not replace a later one.
            if (read > _lastRead)
            {
                (_last, _lastRead) = (summary, read);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, _clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogUnavailable(exception); // the gauges keep their last reading
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<long>> Reading(Func<InventorySummary, long> value) =>
        _last is { } summary ? [new Measurement<long>(value(summary))] : [];

    private static long Count(InventorySummary summary, FileStatus status) =>
        summary.ByBranch.Sum(b => b.ByStatus.GetValueOrDefault(status.ToString()));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inventory gauges could not read the catalogue; they keep their last values")]
    private partial void LogUnavailable(Exception exception);
}
