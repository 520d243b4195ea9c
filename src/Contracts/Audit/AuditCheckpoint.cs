namespace BranchArchive.Contracts.Audit;

/// <summary>
/// The end of one hash chain (of the audit log or the access log): its last entry's position in the
/// chain and hash. The audit log is kept in one chain per shard (<c>audit-0</c>, <c>audit-1</c>…)
/// beside <c>main</c>, the one chain it was before (frozen since; empty on archives that never had it).
/// </summary>
[GenerateSerializer, Immutable, Alias("audit-head")]
public sealed record AuditHead(
    [property: Id(0)] string Chain,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Hash)
{
    /// <summary>The audit log's chain from before it was kept in chains per shard: its entries' position is their seq.</summary>
    public const string MainChain = "main";
}

/// <summary>
/// A signed statement that the log's chains had these heads at this time. Signed (ECDSA P-256,
/// SHA-256) with a key kept outside the database, so whoever can write the database can delete a
/// checkpoint but can neither forge nor alter one. <see cref="Statement"/> is the exact text that
/// was signed (JSON, UTF-8) and <see cref="Signature"/> its base64 DER signature, so an auditor
/// can check it with the public key of <see cref="KeyId"/> and nothing from the archive.
/// </summary>
[GenerateSerializer, Immutable, Alias("audit-checkpoint")]
public sealed record AuditCheckpoint(
    [property: Id(0)] long Number,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string KeyId,
    [property: Id(3)] IReadOnlyList<AuditHead> Heads,
    [property: Id(4)] string Statement,
    [property: Id(5)] string Signature);

/// <summary>A checkpoint as stored: its number, the signed statement and the signature. Nothing else is trusted.</summary>
public sealed record SignedCheckpoint(long Number, string Statement, string Signature);

/// <summary>
/// One chain re-computed: how many entries were checked, the first entry that does not fit (and
/// why), and the head as far as the chain verifies.
/// </summary>
public sealed record AuditChainCheck(long EntriesChecked, long? FirstBrokenSeq, string? Problem, AuditHead Head);
