namespace BranchArchive.Contracts.Audit;

/// <summary>
/// The append-only, hash-chained audit log in the archive's database. Each entry carries a hash
/// over its own content and the previous entry's hash, so changing or removing any stored entry
/// breaks the chain at that entry.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends the records in order, durably; records whose EntryId is already stored are skipped.</summary>
    Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Re-computes the whole chain and names the first entry that does not fit.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);
}
