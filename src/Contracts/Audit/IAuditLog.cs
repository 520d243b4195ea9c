namespace BranchArchive.Contracts.Audit;

/// <summary>
/// The append-only, hash-chained audit log in the archive's database, and its signed checkpoints.
/// Each entry carries a hash over its own content and the previous entry's hash, so changing or
/// removing any stored entry breaks the chain at that entry; a checkpoint records the chain's head
/// under a signature the database cannot forge, so cutting off or re-hashing entries it covers shows too.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends the records in order, durably; records whose EntryId is already stored are skipped.</summary>
    Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-computes the chain from its first entry, or from <paramref name="from"/> on (an entry a
    /// valid checkpoint vouches for, which must still have that hash), and names the first entry
    /// that does not fit: changed, missing, re-linked, different from the hash an
    /// <paramref name="anchors"/> head recorded for it, or cut off below such a head.
    /// </summary>
    Task<AuditChainCheck> VerifyAsync(AuditHead? from, IReadOnlyCollection<AuditHead> anchors, CancellationToken cancellationToken = default);

    /// <summary>Stores a signed checkpoint, durably; false if a checkpoint with its number is stored already.</summary>
    Task<bool> AppendCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The stored checkpoints by number, oldest first; or only the one with the highest number.</summary>
    Task<IReadOnlyList<SignedCheckpoint>> CheckpointsAsync(bool latestOnly, CancellationToken cancellationToken = default);
}
