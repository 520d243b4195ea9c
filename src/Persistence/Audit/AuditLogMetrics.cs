using System.Diagnostics;
using System.Diagnostics.Metrics;
using BranchArchive.Persistence.Chains;

namespace BranchArchive.Persistence.Audit;

/// <summary>
/// The audit log's own appends (denials and acts of grains without state; on PostgreSQL grouped
/// per chain): records written, records per transaction, time to commit, failed groups. Records
/// appended inside a change's own transaction are that change's write and counted with it.
/// </summary>
public static class AuditLogMetrics
{
    /// <summary>The trace source of the audit log (a span per group append, with its chain and size).</summary>
    public const string TracingName = "BranchArchive.AuditLog";

    public static readonly ActivitySource Tracing = new(TracingName);

    private static readonly Meter Meter = new(StorageMetrics.MeterName);

    public static readonly ChainWriteMetrics Groups = new(Meter, Tracing, "archive.audit", "audit log",
        "each failure failed its callers: the denial or act was not answered as done");
}
