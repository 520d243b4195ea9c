using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Imports;

public sealed class CustomerIdentityState
{
    public string FileId { get; set; } = "";
    public string Source { get; set; } = "";
    public DateTimeOffset ClaimedAt { get; set; }
}

public sealed class CustomerIdentityGrain(
    [PersistentState(StateNames.CustomerIdentity, StateNames.Provider)] IPersistentState<CustomerIdentityState> storage,
    TimeProvider clock) : Grain, ICustomerIdentityGrain
{
    private readonly DurableState<CustomerIdentityState> _identity = new(storage);

    public async Task<IdentityClaim> Claim(string fileId, string source)
    {
        await _identity.EnsureCurrentAsync();
        var state = _identity.Value;
        if (state.FileId.Length == 0)
        {
            (state.FileId, state.Source, state.ClaimedAt) = (fileId, source, clock.GetUtcNow());
            await _identity.SaveAsync();
        }
        return new IdentityClaim(state.FileId, state.Source);
    }

    /// <summary>Deletes the key's row when it lets go: its id is a digest of the customer's id number or name.</summary>
    public async Task Release(string fileId)
    {
        await _identity.EnsureCurrentAsync();
        if (_identity.Value.FileId == fileId)
        {
            await storage.ClearStateAsync(); // the state is empty again: the key is free
        }
    }
}
