namespace BranchArchive.Contracts.AccessLog;

/// <summary>
/// One read to be written to the access log: who (subject, roles, their branch) read what
/// (<see cref="Kind"/>, one of <see cref="AccessKinds"/>) of which file (id, number, the file's
/// branch), when, and why when they said. An export names no file: it holds its query and row count,
/// and <see cref="FileBranch"/> is the branch it was limited to, if any.
/// </summary>
[GenerateSerializer, Immutable, Alias("access-record")]
public sealed record AccessRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Subject,
    [property: Id(2)] string Roles,
    [property: Id(3)] string? ActorBranch,
    [property: Id(4)] string Kind,
    [property: Id(5)] string? FileId,
    [property: Id(6)] long? FileNumber,
    [property: Id(7)] string? FileBranch,
    [property: Id(8)] string? Purpose,
    [property: Id(9)] string? Query,
    [property: Id(10)] long? Rows,
    [property: Id(11)] string? RequestId);

/// <summary>A stored line of the access log: its chain, its place in it and its hash.</summary>
[GenerateSerializer, Immutable, Alias("access-entry")]
public sealed record AccessEntry(
    [property: Id(0)] string Chain,
    [property: Id(1)] long Seq,
    [property: Id(2)] AccessRecord Record,
    [property: Id(3)] string Hash);

[GenerateSerializer, Immutable, Alias("access-page")]
public sealed record AccessPage(
    [property: Id(0)] long Total,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] IReadOnlyList<AccessEntry> Items);
