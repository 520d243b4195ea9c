using System.Diagnostics;
using System.Diagnostics.Metrics;
using BranchArchive.Persistence.Chains;

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

    public static readonly ChainWriteMetrics Groups = new(Meter, Tracing, "archive.access_log", "access log",
        "each failure refused its reads with 503");

    private static readonly Counter<long> Purged = Meter.CreateCounter<long>(
        "archive.access_log.purged", "{record}", "Access-log records removed by retention.");

    public static void Removed(long records) => Purged.Add(records);
}
