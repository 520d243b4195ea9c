using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Storage;

namespace BranchArchive.Grains.Audit;

/// <summary>
/// What a grain's state adds to its side writes beyond its audit records (a customer file: its
/// catalogue line and its new register entries).
/// </summary>
internal interface ISideWriteSource<TState>
{
    CatalogueEntry CatalogueLine(TState state);

    /// <summary>The register entries the state holds, taken out of it (they go to the register with this change), or null.</summary>
    RegisterEntries? TakeUnwrittenRegister(TState state);

    /// <summary>Whether there are any (without taking them).</summary>
    bool HasUnwrittenRegister(TState state);

    /// <summary>Whether the catalogue's line of this state is missing or older than the state (asked once per activation).</summary>
    ValueTask<bool> LineIsBehindAsync(TState state);

    /// <summary>These side writes are stored.</summary>
    void Written(TState state, SideWrites writes);
}
