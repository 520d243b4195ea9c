namespace BranchArchive.Contracts.Audit;

/// <summary>
/// One act to be written to the audit log: who did what to which file or branch, and how it
/// ended. <see cref="EntryId"/> makes appending idempotent, so a record kept in a grain's state
/// (written with the change it describes) can be appended again after a crash without doubling.
/// </summary>
[GenerateSerializer, Immutable, Alias("audit-record")]
public sealed record AuditRecord(
    [property: Id(0)] string EntryId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Roles,
    [property: Id(4)] string? ActorBranch,
    [property: Id(5)] string Action,
    [property: Id(6)] string? FileId,
    [property: Id(7)] string? Branch,
    [property: Id(8)] string Outcome,
    [property: Id(9)] string? Detail,
    [property: Id(10)] string? RequestId);
