using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Storage;
using BranchArchive.Grains.Audit;

namespace BranchArchive.Grains.Files;

/// <summary>
/// A file's side writes beyond its audit records: its catalogue line and its new register entries.
/// The grain answers for them itself (rather than a helper object per activation): a file kept
/// active idle should cost as little memory as it can.
/// </summary>
public sealed partial class CustomerFileGrain : ISideWriteSource<CustomerFileState>
{
    CatalogueEntry ISideWriteSource<CustomerFileState>.CatalogueLine(CustomerFileState file) => CatalogueLines.From(Id, file, _retention);

    RegisterEntries? ISideWriteSource<CustomerFileState>.TakeUnwrittenRegister(CustomerFileState file)
    {
        if (!file.HasUnwrittenRegister)
        {
            return null;
        }
        var entries = new RegisterEntries(Id, [.. file.UnwrittenLoansSoFar], [.. file.UnwrittenCustodySoFar]);
        // Null, not emptied: an idle file keeps no empty lists (they are made again when needed).
        file.UnwrittenLoans = null!;
        file.UnwrittenCustody = null!;
        return entries;
    }

    bool ISideWriteSource<CustomerFileState>.HasUnwrittenRegister(CustomerFileState file) => file.HasUnwrittenRegister;

    async ValueTask<bool> ISideWriteSource<CustomerFileState>.LineIsBehindAsync(CustomerFileState file) =>
        await _catalogue.LineVersionAsync(Id) is not { } line || line < file.Version;

    void ISideWriteSource<CustomerFileState>.Written(CustomerFileState file, SideWrites writes)
    {
        if (writes.CatalogueLine is not null)
        {
            _catalogueMetrics.Record(_clock.GetUtcNow() - file.UpdatedAt);
        }
    }
}
