using BranchArchive.Contracts.Staff;

namespace BranchArchive.Grains.Staff;

public sealed class BorrowerState
{
    /// <summary>Their entry on a branch's staff list; null when not listed (anymore).</summary>
    public StaffMember? Member { get; set; }

    /// <summary>A slot per loan held or being made; bounded by the borrower's limit (a reservation beyond it is refused).</summary>
    public List<LoanSlot> Slots { get; set; } = [];
}
