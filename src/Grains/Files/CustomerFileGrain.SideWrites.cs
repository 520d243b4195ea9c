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

    RegisterEntries? ISideWriteSource<CustomerFileState>.UnwrittenRegister(CustomerFileState file) =>
        file.HasUnwrittenRegister ? new RegisterEntries(Id, [.. file.UnwrittenLoans], [.. file.UnwrittenCustody]) : null;

    bool ISideWriteSource<CustomerFileState>.HasUnwrittenRegister(CustomerFileState file) => file.HasUnwrittenRegister;

    void ISideWriteSource<CustomerFileState>.Written(CustomerFileState file, SideWrites writes)
    {
        if (writes.Register is { } register)
        {
            // The grain runs one call at a time: what was collected is still at the head of each list.
            if (register.Loans.Count > 0)
            {
                file.UnwrittenLoans.RemoveRange(0, register.Loans.Count);
            }
            if (register.Custody.Count > 0)
            {
                file.UnwrittenCustody.RemoveRange(0, register.Custody.Count);
            }
        }
        if (writes.CatalogueLine is not null)
        {
            _catalogueMetrics.Record(_clock.GetUtcNow() - file.UpdatedAt);
        }
    }
}
