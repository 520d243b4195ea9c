using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Branches;
using BranchArchive.Grains.Audit;

namespace BranchArchive.Grains.Branches;

public sealed class CabinetState : IAuditedState
{
    public const int CustodianHistoryCapacity = 50;

    public List<AuditRecord> PendingAudit { get; set; } = [];

    /// <summary>The person answerable for the cabinet, or null before a manager names one.</summary>
    public string? Custodian { get; set; }

    /// <summary>The most recent custodian changes, oldest first.</summary>
    public List<CustodianChange> CustodianHistory { get; set; } = [];

    public string Branch { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int Capacity { get; set; }

    /// <summary>Ids of the files shelved here: the cabinet's roster.</summary>
    public HashSet<string> Files { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The inspection under way: while set, no file is shelved here (the roster stays as counted).</summary>
    public string? Inspection { get; set; }
}
