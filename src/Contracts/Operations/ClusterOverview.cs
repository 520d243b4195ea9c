namespace BranchArchive.Contracts.Operations;

/// <summary>
/// What an operator sees of the cluster (<c>GET /api/cluster</c>): every silo the membership table
/// lists, with its status, and the grain activations each active silo hosts, by grain type.
/// Read from Orleans' management grain at <see cref="At"/>; nothing here is stored.
/// </summary>
public sealed record ClusterOverview(
    DateTimeOffset At,
    IReadOnlyList<SiloOverview> Silos,
    IReadOnlyList<GrainTypeActivations> GrainTypes)
{
    /// <summary>Activations on all active silos together.</summary>
    public int TotalActivations => Silos.Sum(s => s.Activations ?? 0);
}

/// <summary>
/// One silo as the membership table lists it. <c>Status</c> is Orleans' <c>SiloStatus</c> by name
/// (<c>Active</c>, <c>Joining</c>, <c>ShuttingDown</c>, <c>Dead</c>, ...). The figures come from
/// the silo's own runtime statistics and are null when it does not answer within 3 s (a dead silo, or one
/// that died and is still listed as active until the others declare it dead).
/// </summary>
public sealed record SiloOverview(
    string Address,
    string Name,
    string HostName,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? LastAliveAt,
    int? Activations,
    int? RecentlyUsedActivations,
    float? CpuPercent,
    long? MemoryBytes,
    int? Clients,
    bool? Overloaded);

/// <summary>Activations of one grain type (its short class name), per silo address and in total.</summary>
public sealed record GrainTypeActivations(
    string GrainType,
    IReadOnlyDictionary<string, int> BySilo,
    int Total);
