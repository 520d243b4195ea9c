namespace BranchArchive.Contracts.Audit;

/// <summary>
/// The append-only, hash-chained audit log in the archive's database, and its signed checkpoints.
/// The log is kept in a few chains (shards): a record goes to its file's chain (or, without a file,
/// its actor's), so one file's entries stay in one chain, in order, and appenders of different
/// chains never wait for each other. Each entry carries a hash over its own content and the
/// previous entry's hash in its chain, so changing or removing any stored entry breaks its chain
/// at that entry; a checkpoint records every chain's head under a signature the database cannot
/// forge, so cutting off or re-hashing entries it covers shows too.
/// </summary>
public interface IAuditLog
{
    /// <summary>The chain names: <c>main</c> (the log's one chain before shards), then <c>audit-0</c>… one per shard.</summary>
    IReadOnlyList<string> Chains { get; }

    /// <summary>
    /// Appends the records durably, each file's in order in its chain; records whose EntryId is
    /// already stored are skipped. Answers once every record is committed, or throws.
    /// </summary>
    Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-computes one chain from its first entry, or from <paramref name="from"/> on (an entry a
    /// valid checkpoint vouches for, which must still have that hash), and names the first entry
    /// that does not fit: changed, missing, re-linked, different from the hash an
    /// <paramref name="anchors"/> head recorded for it, or cut off below such a head.
    /// </summary>
    Task<AuditChainCheck> VerifyAsync(string chain, AuditHead? from, IReadOnlyCollection<AuditHead> anchors, CancellationToken cancellationToken = default);

    /// <summary>Entries that belong to none of <see cref="Chains"/> (so no verification walks them): written outside the archive.</summary>
    Task<long> EntriesOutsideChainsAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a signed checkpoint, durably; false if a checkpoint with its number is stored already.</summary>
    Task<bool> AppendCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The stored checkpoints by number, oldest first; or only the one with the highest number.</summary>
    Task<IReadOnlyList<SignedCheckpoint>> CheckpointsAsync(bool latestOnly, CancellationToken cancellationToken = default);
}
