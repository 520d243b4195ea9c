using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;

namespace BranchArchive.Contracts.Storage;

/// <summary>
/// What a grain's stored change writes beside its state row: its audit records, the file's
/// catalogue line and the file's new register entries. Each part is idempotent (audit records by
/// entry id, the line by version, register entries by key), so writing them again is harmless.
/// </summary>
public sealed record SideWrites(IReadOnlyList<AuditRecord> Audit, CatalogueEntry? CatalogueLine = null, RegisterEntries? Register = null)
{
    public bool IsEmpty => Audit.Count == 0 && CatalogueLine is null && Register is null;
}

/// <summary>
/// New register entries of one file, oldest first. A loan is keyed by its id (a later version
/// replaces it), a custody event by a digest of its content, so writing them twice changes nothing.
/// </summary>
public sealed record RegisterEntries(string FileId, IReadOnlyList<LoanRecord> Loans, IReadOnlyList<CustodyEvent> Custody)
{
    public int Count => Loans.Count + Custody.Count;
}
