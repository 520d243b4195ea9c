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

    public async Task Release(string fileId)
    {
        await _identity.EnsureCurrentAsync();
        if (_identity.Value.FileId == fileId)
        {
            _identity.Value.FileId = "";
            _identity.Value.Source = "";
            await _identity.SaveAsync();
        }
    }
}
