using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Retention;

/// <summary>The list for destruction, answered from the catalogue by one query; any silo serves. Managers see their own branch's.</summary>
public interface IRetentionGrain : IGrainWithIntegerKey
{
    public const int MaxLimit = 1_000;

    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<RetentionDue>>> DueForDestruction(string? branch, int limit, Actor actor);
}
