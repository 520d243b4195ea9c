using OpenTelemetry.Metrics;

namespace BranchArchive.Silo.Hosting;

/// <summary>
/// Bucket boundaries of the archive's histograms, in each instrument's own unit. OpenTelemetry's
/// default boundaries (0, 5, 10, 25 … 10 000) are meant for milliseconds: a duration in seconds
/// would land every operation in the first buckets and read p99 as 5 s.
/// </summary>
public static class ArchiveHistograms
{
    /// <summary>Seconds: a sub-millisecond read up to a write stuck behind a 10 s storage timeout.</summary>
    public static readonly double[] Latency =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Seconds: the catalogue is normally milliseconds behind, minutes only after an outage.</summary>
    public static readonly double[] Lag =
        [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

    /// <summary>Callers' write units per SQLite group commit (at most 256).</summary>
    public static readonly double[] UnitsPerCommit = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    /// <summary>Bytes of a scanned document: a one-page scan up to the 25 MiB default limit.</summary>
    public static readonly double[] ScanBytes =
        [16_384, 65_536, 262_144, 1_048_576, 4_194_304, 8_388_608, 16_777_216, 26_214_400, 67_108_864];

    /// <summary>Seconds from a notice being raised to its delivery: a pass of the dispatcher up to a day of retries.</summary>
    public static readonly double[] NoticeDelivery =
        [0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600];

    public static MeterProviderBuilder AddArchiveHistogramViews(this MeterProviderBuilder metrics) => metrics
        .AddView("archive.operation.duration", Buckets(Latency))
        .AddView("archive.sqlite.commit.duration", Buckets(Latency))
        .AddView("archive.catalogue.lag", Buckets(Lag))
        .AddView("archive.sqlite.commit.units", Buckets(UnitsPerCommit))
        .AddView("archive.scans.size", Buckets(ScanBytes))
        .AddView("archive.notices.delivery.latency", Buckets(NoticeDelivery));

    private static ExplicitBucketHistogramConfiguration Buckets(double[] boundaries) => new() { Boundaries = boundaries };
}
