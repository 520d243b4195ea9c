namespace BranchArchive.Contracts.Repairs;

/// <summary>A damaged file's repair: begun when it goes to repair, finished when it is back on the shelf.</summary>
[GenerateSerializer, Immutable, Alias("repair")]
public sealed record Repair(
    [property: Id(0)] string RepairId,
    [property: Id(1)] string Damage,
    [property: Id(2)] string StartedBy,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] string? Work = null,
    [property: Id(5)] string? CompletedBy = null,
    [property: Id(6)] DateTimeOffset? CompletedAt = null);

/// <summary>A document found missing at a return (an Incomplete return), listed on the file until supplied.</summary>
[GenerateSerializer, Immutable, Alias("missing-document")]
public sealed record MissingDocument(
    [property: Id(0)] string Title,
    [property: Id(1)] string? LoanId,
    [property: Id(2)] string RecordedBy,
    [property: Id(3)] DateTimeOffset RecordedAt);
