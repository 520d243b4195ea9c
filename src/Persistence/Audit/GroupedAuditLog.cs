using BranchArchive.Contracts.Audit;
using BranchArchive.Persistence.Writes;

namespace BranchArchive.Persistence.Audit;

/// <summary>
/// Appends that arrive while another append of this process is being written wait for it, then go
/// to the log together in one transaction. The chain has one end, so appends are one at a time
/// across the cluster (PostgreSQL: an advisory lock); grouping them costs one lock, one read of
/// the chain's end and one commit per group instead of per change. (SQLite needs no such layer:
/// its one writer already commits whatever queued together.) Every caller is answered only when
/// the transaction holding its records has committed, or with its failure.
/// </summary>
public sealed class GroupedAuditLog(IAuditLog log) : IAuditLog
{
    private readonly WriteGroups<IReadOnlyList<AuditRecord>> _appends = new(group => log.AppendAsync([.. group.SelectMany(records => records)]));

    public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default) =>
        records.Count == 0 ? Task.CompletedTask : _appends.WriteAsync(records, cancellationToken);

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        log.QueryAsync(query, cancellationToken);

    public Task<AuditChainCheck> VerifyAsync(AuditHead? from, IReadOnlyCollection<AuditHead> anchors, CancellationToken cancellationToken = default) =>
        log.VerifyAsync(from, anchors, cancellationToken);

    public Task<bool> AppendCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        log.AppendCheckpointAsync(checkpoint, cancellationToken);

    public Task<IReadOnlyList<SignedCheckpoint>> CheckpointsAsync(bool latestOnly, CancellationToken cancellationToken = default) =>
        log.CheckpointsAsync(latestOnly, cancellationToken);
}
