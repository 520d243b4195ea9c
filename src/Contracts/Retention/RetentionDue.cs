using BranchArchive.Contracts.Files;

namespace BranchArchive.Contracts.Retention;

/// <summary>A file past its retention, on the list for destruction (销毁清单).</summary>
[GenerateSerializer, Immutable, Alias("retention-due")]
public sealed record RetentionDue(
    [property: Id(0)] string FileId,
    [property: Id(1)] long FileNumber,
    [property: Id(2)] string Branch,
    [property: Id(3)] string Cabinet,
    [property: Id(4)] FileStatus Status,
    [property: Id(5)] DateTimeOffset RetainUntil);
