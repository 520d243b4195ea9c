using BranchArchive.Contracts.Audit;

namespace BranchArchive.Contracts.AccessLog;

/// <summary>
/// The access log in the archive's database: a stream of reads separate from the audit log, kept
/// in a few hash chains (shards) written in groups, so many reads share one transaction. Each
/// entry's hash covers its content and the previous entry's hash in its chain; the chains' heads
/// are sealed by the audit log's signed checkpoints.
/// </summary>
public interface IAccessLog
{
    /// <summary>The chain names, e.g. <c>access-0</c>…: as many as the configured shards.</summary>
    IReadOnlyList<string> Chains { get; }

    /// <summary>Writes the record durably (grouped with others'); answers only once it is committed, or throws.</summary>
    Task RecordAsync(AccessRecord record, CancellationToken cancellationToken = default);

    Task<AccessPage> QueryAsync(AccessLogQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-computes one chain from its oldest kept entry (after the latest purge) or from
    /// <paramref name="from"/>, and holds it against the heads checkpoints recorded for it.
    /// </summary>
    Task<AuditChainCheck> VerifyAsync(string chain, AuditHead? from, IReadOnlyCollection<AuditHead> anchors, CancellationToken cancellationToken = default);

    /// <summary>Where each chain cut by a purge starts now (its first kept entry and the hash it links to); chains never purged are not listed.</summary>
    Task<IReadOnlyList<AuditHead>> StartsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every entry older than <paramref name="cutOff"/> from the start of each chain and
    /// records where each chain now starts (a purge marker), so verification goes on from there.
    /// </summary>
    Task<AccessPurgeResult> PurgeAsync(DateTimeOffset cutOff, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>What a purge removed: how many entries, and where each chain it cut now starts.</summary>
[GenerateSerializer, Immutable, Alias("access-purge-result")]
public sealed record AccessPurgeResult(
    [property: Id(0)] long Removed,
    [property: Id(1)] IReadOnlyList<AuditHead> NewStarts);
