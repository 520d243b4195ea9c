using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Storage;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Retention;
using BranchArchive.Grains.Telemetry;

namespace BranchArchive.Grains.Files;

/// <summary>A customer file's side writes beyond its audit records: its catalogue line and its new register entries.</summary>
internal sealed class FileSideWrites(Func<string> id, RetentionOptions retention, CatalogueMetrics metrics, TimeProvider clock)
    : ISideWriteSource<CustomerFileState>
{
    public CatalogueEntry CatalogueLine(CustomerFileState file) => CatalogueLines.From(id(), file, retention);

    public RegisterEntries? UnwrittenRegister(CustomerFileState file) =>
        file.UnwrittenLoans.Count + file.UnwrittenCustody.Count == 0
            ? null
            : new RegisterEntries(id(), file.RegisterSeq + 1, [.. file.UnwrittenLoans], [.. file.UnwrittenCustody]);

    public void Written(CustomerFileState file, SideWrites writes)
    {
        if (writes.Register is { } register)
        {
            // The grain runs one call at a time: what was collected is still at the head of each list.
            file.UnwrittenLoans.RemoveRange(0, register.Loans.Count);
            file.UnwrittenCustody.RemoveRange(0, register.Custody.Count);
            file.RegisterSeq += register.Count;
        }
        if (writes.CatalogueLine is not null)
        {
            metrics.Record(clock.GetUtcNow() - file.UpdatedAt);
        }
    }
}
