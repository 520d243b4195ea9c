using BranchArchive.Contracts;
namespace BranchArchive.Contracts.Branches;

/// <summary>
/// The list of branch codes known to head office (one instance, key 0). A code is listed before
/// its branch grain is opened, so a listed code whose branch does not exist yet is skipped by
/// readers rather than a branch ever going unlisted.
/// </summary>
public interface IBranchDirectoryGrain : IGrainWithIntegerKey
{
    Task Enlist(string branchCode);

    [SafeToRetry]
    Task<IReadOnlyList<string>> Codes();
}
