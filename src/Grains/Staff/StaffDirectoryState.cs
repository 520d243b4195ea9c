using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Staff;
using BranchArchive.Grains.Audit;

namespace BranchArchive.Grains.Staff;

public sealed class StaffDirectoryState : IAuditedState
{
    public List<AuditRecord> PendingAudit { get; set; } = [];

    /// <summary>By staff id. Bounded by <see cref="StaffDirectoryGrain.MaxMembers"/>: a branch's staff, not its customers.</summary>
    public SortedDictionary<string, StaffMember> Members { get; set; } = new(StringComparer.Ordinal);
}
