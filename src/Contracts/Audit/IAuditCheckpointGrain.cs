using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Audit;

/// <summary>
/// Writes the audit log's signed checkpoints: one when the cluster starts, then every
/// <c>Audit:Checkpoints:Period</c>, and on demand. One per cluster, so checkpoints are numbered
/// 1, 2, 3… without gaps. A checkpoint seals the head of every chain (audit log and access log)
/// and is written only if every chain verifies from the previous checkpoint on, and only on top of the latest checkpoint this grain wrote: a log cut
/// below a checkpoint gets no new checkpoint over it, and the latest one then grows old, which
/// verification reports.
/// </summary>
public interface IAuditCheckpointGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure periodic checkpoints are being written, the first one right away; answers at once.</summary>
    Task Start();

    /// <summary>Writes a checkpoint now, as the periodic schedule does; answers it, or null if none could be written (logged).</summary>
    Task<AuditCheckpoint?> Seal();

    /// <summary>
    /// Writes a checkpoint at the request of a member of staff (head office or an auditor), audited.
    /// Conflict when the log does not verify from the latest checkpoint on, so none may be written.
    /// </summary>
    Task<ArchiveResult<AuditCheckpoint>> Write(Actor actor);
}
