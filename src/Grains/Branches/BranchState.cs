using BranchArchive.Contracts.Audit;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Branches;

public sealed class BranchState : IAuditedState
{
    public List<AuditRecord> PendingAudit { get; set; } = [];

    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Region { get; set; }
    public List<string> Cabinets { get; set; } = [];
    public DateTimeOffset OpenedAt { get; set; }
    public string OpenedBy { get; set; } = "";
    public string OpeningFingerprint { get; set; } = "";
    public RecentRequests RecentRequests { get; set; } = new();
}
