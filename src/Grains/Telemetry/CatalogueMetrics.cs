using System.Diagnostics.Metrics;

namespace BranchArchive.Grains.Telemetry;

/// <summary>How far the catalogue trails the files: from a file's stored change to its catalogue line.</summary>
public sealed class CatalogueMetrics
{
    private readonly Histogram<double> _lag;

    public CatalogueMetrics(IMeterFactory meters) =>
        _lag = meters.Create(OperationMetrics.MeterName).CreateHistogram<double>(
            "archive.catalogue.lag", "s", "Time from a file's stored change until head office's catalogue shows it.");

    public void Record(TimeSpan lag) => _lag.Record(Math.Max(0, lag.TotalSeconds));
}
