using BranchArchive.Contracts.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace BranchArchive.Grains.Storage;

/// <summary>
/// An audited grain's state and its stored version (what <see cref="DurableState{TState}"/> is for
/// grains without side writes, whose writes the provider makes itself). Read through Orleans' grain storage (the
/// ADO.NET provider) on the first call of an activation; written through the
/// <see cref="IChangeStore"/>, which commits the state row with the change's side writes in one
/// transaction and answers the new version. A change is answered only once it is stored, and a
/// change whose write failed never outlives the failure: the next call reads the stored state again.
/// </summary>
internal sealed class CommittedState<TState>(IGrainBase owner, string stateName, IChangeStore changes)
{
    private GrainState<TState>? _stored;
    private bool _mayDifferFromStorage = true;

    public TState Value => (_stored ?? throw new InvalidOperationException("The state is read by EnsureCurrentAsync first.")).State!;

    public bool Exists => _stored?.RecordExists ?? false;

    /// <summary>Call first in every grain method that reads the state. True when it had to read the state (again).</summary>
    public async ValueTask<bool> EnsureCurrentAsync()
    {
        if (!_mayDifferFromStorage)
        {
            return false;
        }
        var context = owner.GrainContext;
        var stored = new GrainState<TState>();
        await context.ActivationServices.GetRequiredKeyedService<IGrainStorage>(StateNames.Provider)
            .ReadStateAsync(stateName, context.GrainId, stored);
        _stored = stored;
        _mayDifferFromStorage = false;
        return true;
    }

    /// <summary>Stores the state with <paramref name="sideWrites"/>; throws (and forgets the change) when the commit did not succeed.</summary>
    public async Task SaveAsync(SideWrites sideWrites)
    {
        var stored = _stored ?? throw new InvalidOperationException("The state is read by EnsureCurrentAsync first.");
        try
        {
            stored.ETag = await changes.CommitAsync(new StateChange<TState>(stateName, owner.GrainContext.GrainId, stored.ETag, stored.State!, sideWrites));
            stored.RecordExists = true;
        }
        catch
        {
            _mayDifferFromStorage = true;
            throw;
        }
    }
}
