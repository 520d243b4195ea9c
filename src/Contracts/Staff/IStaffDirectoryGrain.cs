using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Staff;

/// <summary>
/// A branch's staff list (key: branch code): the people files may be lent to at that branch.
/// Managers of the branch and head office keep it; every listing is also told to the member's
/// <see cref="IBorrowerGrain"/>, which the file grains ask when lending.
/// </summary>
public interface IStaffDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Lists or updates a member; a member listed at another branch moves here (staff belong to one branch).</summary>
    Task<ArchiveResult<StaffMember>> Enlist(string staffId, EnlistStaffCommand command, Actor actor);

    /// <summary>Takes a member off the list; their open loans stay open and are returned as usual.</summary>
    Task<ArchiveResult<StaffMember>> Remove(string staffId, Actor actor);

    /// <summary>Called by the member's borrower grain when they moved to another branch's list. One-way: the borrower
    /// grain never waits on a directory (a directory waits on it while listing someone).</summary>
    [Orleans.Concurrency.OneWay]
    Task Forget(string staffId);

    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<StaffMember>>> List(Actor actor);
}
