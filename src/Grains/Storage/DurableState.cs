namespace BranchArchive.Grains.Storage;

/// <summary>
/// Wraps a grain's persistent state so that a change is answered only once it is stored, and a
/// change whose write failed never outlives the failure: after a failed write the next call
/// reloads the stored state before looking at it.
/// </summary>
internal sealed class DurableState<TState>(IPersistentState<TState> storage)
{
    private bool _mayDifferFromStorage;

    public TState Value => storage.State;

    public bool Exists => storage.RecordExists;

    /// <summary>Call first in every grain method that reads the state. True when it had to read the state again.</summary>
    public async ValueTask<bool> EnsureCurrentAsync()
    {
        if (!_mayDifferFromStorage)
        {
            return false;
        }
        await storage.ReadStateAsync();
        _mayDifferFromStorage = false;
        return true;
    }

    /// <summary>Stores the state; throws (and forgets the change) when the write did not succeed.</summary>
    public async Task SaveAsync()
    {
        try
        {
            await storage.WriteStateAsync();
        }
        catch
        {
            _mayDifferFromStorage = true;
            throw;
        }
    }
}
