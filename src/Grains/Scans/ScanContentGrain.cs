using BranchArchive.Contracts.Scans;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Scans;

public sealed class ScanContentState
{
    /// <summary>Ids of the files whose scans refer to this content.</summary>
    public HashSet<string> Files { get; set; } = new(StringComparer.Ordinal);
}

public sealed class ScanContentGrain(
    [PersistentState(StateNames.ScanContent, StateNames.Provider)] IPersistentState<ScanContentState> storage, IScanStore store)
    : Grain, IScanContentGrain
{
    private readonly DurableState<ScanContentState> _content = new(storage);

    private string Digest => this.GetPrimaryKeyString();

    public async Task Claim(string fileId)
    {
        await _content.EnsureCurrentAsync();
        if (_content.Value.Files.Add(fileId))
        {
            await _content.SaveAsync();
        }
    }

    public async Task<bool> Release(string fileId)
    {
        await _content.EnsureCurrentAsync();
        if (_content.Value.Files.Remove(fileId))
        {
            await _content.SaveAsync();
        }
        // Erased only when nobody refers to it; the reference is dropped first, so a crash here
        // leaves content nobody refers to (found by the next release of the same digest), never
        // a reference to erased content.
        return _content.Value.Files.Count == 0 && await store.DeleteAsync(Digest);
    }
}
