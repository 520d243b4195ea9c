using BranchArchive.Contracts.Audit;

namespace BranchArchive.Grains.Audit;

/// <summary>
/// A grain state that carries the audit records of its own changes until they are in the audit
/// log. Each record is stored in the same write as the change it describes (one unit of work), so
/// no acknowledged change can lack its entry, even if the process dies before the log is written.
/// </summary>
public interface IAuditedState
{
    List<AuditRecord> PendingAudit { get; set; }
}
