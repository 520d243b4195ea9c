using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Inventory;

/// <summary>
/// Head office's view of every branch, answered from the catalogue by one query: never by asking
/// the file grains. Clerks and managers are held to their own branch. A stateless worker.
/// </summary>
public interface IInventoryGrain : IGrainWithIntegerKey
{
    [SafeToRetry]
    Task<ArchiveResult<InventorySummary>> Summary(Actor actor);

    [SafeToRetry]
    Task<ArchiveResult<InventoryPage>> Search(InventoryQuery query, Actor actor);

    /// <summary>The files of <paramref name="query"/> (its paging aside) numbered above <paramref name="afterFileNumber"/>, up to its page size.</summary>
    [SafeToRetry]
    Task<ArchiveResult<InventorySlice>> Export(InventoryQuery query, long afterFileNumber, Actor actor);
}
