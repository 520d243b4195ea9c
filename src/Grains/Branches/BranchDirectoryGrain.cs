using BranchArchive.Contracts.Branches;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Branches;

public sealed class BranchDirectoryState
{
    public SortedSet<string> Codes { get; set; } = new(StringComparer.Ordinal);
}

public sealed class BranchDirectoryGrain(
    [PersistentState(StateNames.BranchDirectory, StateNames.Provider)] IPersistentState<BranchDirectoryState> storage)
    : Grain, IBranchDirectoryGrain
{
    private readonly DurableState<BranchDirectoryState> _directory = new(storage);

    public async Task Enlist(string branchCode)
    {
        await _directory.EnsureCurrentAsync();
        if (_directory.Value.Codes.Add(branchCode))
        {
            await _directory.SaveAsync();
        }
    }

    public async Task<IReadOnlyList<string>> Codes()
    {
        await _directory.EnsureCurrentAsync();
        return _directory.Value.Codes.ToList();
    }
}
