using BranchArchive.Contracts.Access;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Access;

/// <summary>Where a member of staff's access requests are: the files, newest last, at most <see cref="Capacity"/>.</summary>
public sealed class AccessRequesterGrain(
    [PersistentState(StateNames.AccessRequester, StateNames.Provider)] IPersistentState<AccessRequesterState> storage)
    : Grain, IAccessRequesterGrain
{
    public const int Capacity = 200;

    private readonly DurableState<AccessRequesterState> _state = new(storage);

    public async Task Remember(string fileId)
    {
        await _state.EnsureCurrentAsync();
        var files = _state.Value.Files;
        if (files.Count > 0 && files[^1] == fileId)
        {
            return;
        }
        files.Remove(fileId);
        files.Add(fileId);
        if (files.Count > Capacity)
        {
            files.RemoveRange(0, files.Count - Capacity);
        }
        await _state.SaveAsync();
    }

    public async Task<IReadOnlyList<string>> Files()
    {
        await _state.EnsureCurrentAsync();
        return _state.Value.Files.AsEnumerable().Reverse().ToList();
    }
}

public sealed class AccessRequesterState
{
    public List<string> Files { get; set; } = [];
}
