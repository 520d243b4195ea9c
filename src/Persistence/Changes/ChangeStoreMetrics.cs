using System.Diagnostics;
using System.Diagnostics.Metrics;
using BranchArchive.Persistence.Chains;

namespace BranchArchive.Persistence.Changes;

/// <summary>
/// PostgreSQL's groups of changes, per audit shard (tag <c>chain</c>, <c>audit-N</c>): changes
/// committed, changes per transaction (the group commit at work), time to commit a group, and
/// failed groups (a group that fails is run again change by change; a version clash fails only
/// its own change).
/// </summary>
public static class ChangeStoreMetrics
{
    /// <summary>The trace source of the change store (a span per group, with its shard's chain and size).</summary>
    public const string TracingName = "BranchArchive.Changes";

    public static readonly ActivitySource Tracing = new(TracingName);

    private static readonly Meter Meter = new(StorageMetrics.MeterName);

    public static readonly ChainWriteMetrics Groups = new(Meter, Tracing, "archive.changes", "change store",
        "a group of several is run again change by change; one change alone failed its caller, a version clash among them");
}
