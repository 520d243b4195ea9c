using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BranchArchive.Persistence.AccessLog;

/// <summary>
/// The access log's writes: records written, how many shared each transaction (the group commit
/// at work), how long a group took to commit, and failed groups (each failure refused its reads).
/// </summary>
public static class AccessLogMetrics
{
    /// <summary>The trace source of the access log (its group writes and each read's record).</summary>
    public const string TracingName = "BranchArchive.AccessLog";

    public static readonly ActivitySource Tracing = new(TracingName);

    private static readonly Meter Meter = new(StorageMetrics.MeterName);

    private static readonly Counter<long> Written = Meter.CreateCounter<long>(
        "archive.access_log.records", "{record}", "Access-log records written (reads recorded).");

    private static readonly Histogram<int> GroupSize = Meter.CreateHistogram<int>(
        "archive.access_log.batch.size", "{record}", "Records per access-log transaction (group commit).",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>(
        "archive.access_log.write.duration", "s", "Time to commit one access-log group.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "archive.access_log.failures", "{batch}", "Access-log groups that could not be written (their reads were refused with 503).");

    private static readonly Counter<long> Purged = Meter.CreateCounter<long>(
        "archive.access_log.purged", "{record}", "Access-log records removed by retention.");

    public static void GroupWritten(string chain, int records, TimeSpan took)
    {
        var tag = new KeyValuePair<string, object?>("chain", chain);
        Written.Add(records, tag);
        GroupSize.Record(records, tag);
        Latency.Record(took.TotalSeconds, tag);
    }

    public static void GroupFailed(string chain) => Failures.Add(1, new KeyValuePair<string, object?>("chain", chain));

    public static void Removed(long records) => Purged.Add(records);
}
