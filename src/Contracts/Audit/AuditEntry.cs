namespace BranchArchive.Contracts.Audit;

/// <summary>
/// A stored line of the audit log. <see cref="Seq"/> orders the whole log (unique, increasing; not
/// without gaps); the entry is linked into its <see cref="Chain"/> at <see cref="ChainSeq"/> (1, 2,
/// 3… per chain), with its <see cref="Hash"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Roles,
    [property: Id(4)] string? ActorBranch,
    [property: Id(5)] string Action,
    [property: Id(6)] string? FileId,
    [property: Id(7)] string? Branch,
    [property: Id(8)] string Outcome,
    [property: Id(9)] string? Detail,
    [property: Id(10)] string? RequestId,
    [property: Id(11)] string Hash,
    [property: Id(12)] string Chain,
    [property: Id(13)] long ChainSeq);

[GenerateSerializer, Immutable, Alias("audit-page")]
public sealed record AuditPage(
    [property: Id(0)] long Total,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] IReadOnlyList<AuditEntry> Items);

/// <summary>
/// The result of verifying the log: the hash chain re-computed and held against every valid signed
/// checkpoint. <see cref="Problem"/> says what is wrong (a changed, removed or cut-off entry, a
/// checkpoint whose signature fails or that is missing, a latest checkpoint older than the period
/// allows), naming the chain and entry. <see cref="FirstBrokenSeq"/> is that entry's position in the
/// first broken chain. <see cref="Heads"/> are the chains' ends as far as they verify: note them
/// outside the archive to anchor them. <see cref="Checkpoint"/> is the latest checkpoint whose signature verifies.
/// </summary>
[GenerateSerializer, Immutable, Alias("audit-verification")]
public sealed record AuditVerification(
    [property: Id(0)] bool Intact,
    [property: Id(1)] long EntriesChecked,
    [property: Id(2)] long? FirstBrokenSeq,
    [property: Id(3)] string? Problem,
    [property: Id(4)] IReadOnlyList<AuditHead> Heads,
    [property: Id(5)] AuditCheckpoint? Checkpoint);
