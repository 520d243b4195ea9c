using BranchArchive.Contracts.Inventory;
using BranchArchive.Grains.Retention;

namespace BranchArchive.Grains.Files;

/// <summary>A file's line in the catalogue, from its stored state (grains and the rebuild command both use it).</summary>
public static class CatalogueLines
{
    public static CatalogueEntry From(string id, CustomerFileState file, RetentionOptions retention) => new(
        id, file.FileNumber, file.Version, file.Customer.Name, file.Customer.Type, file.Importance, file.Sensitivity,
        file.Status, file.Branch, file.Cabinet, file.Tags, file.OpenLoan?.DueAt, file.UpdatedAt, RetentionRules.RetainUntil(file, retention),
        CirculationRules.WhereaboutsOf(file), file.AwaitingPickupSince, ApprovalQueue.Of(file), ApprovalQueue.DueAt(file));
}
