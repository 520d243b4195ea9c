using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Storage;

namespace BranchArchive.Grains.Audit;

/// <summary>
/// What a grain's state adds to its side writes beyond its audit records (a customer file: its
/// catalogue line and its new register entries), and how the state lets go of them once written.
/// </summary>
internal interface ISideWriteSource<TState>
{
    CatalogueEntry CatalogueLine(TState state);

    /// <summary>The register entries the state holds that may not be written yet, or null.</summary>
    RegisterEntries? UnwrittenRegister(TState state);

    /// <summary>Whether there are any (without collecting them).</summary>
    bool HasUnwrittenRegister(TState state);

    /// <summary>These side writes are stored: the state drops them (they leave its stored row with its next write).</summary>
    void Written(TState state, SideWrites writes);
}
