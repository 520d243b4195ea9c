using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Files;

public sealed class FileNumberState
{
    public long LastIssued { get; set; }
}

/// <summary>One activation in the whole cluster issues every file number, one durable write each.</summary>
public sealed class FileNumberGrain(
    [PersistentState(StateNames.FileNumbers, StateNames.Provider)] IPersistentState<FileNumberState> storage)
    : Grain, IFileNumberGrain
{
    private readonly DurableState<FileNumberState> _numbers = new(storage);

    public async Task<long> Next()
    {
        await _numbers.EnsureCurrentAsync();
        _numbers.Value.LastIssued++;
        await _numbers.SaveAsync();
        return _numbers.Value.LastIssued;
    }
}
