using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Imports;
using BranchArchive.Grains.Audit;

namespace BranchArchive.Grains.Imports;

/// <summary>An import job as stored: who, what (by digest), how the rows are split, and counters. Rows and issues live in its batches.</summary>
public sealed class ImportJobState : IAuditedState
{
    public List<AuditRecord> PendingAudit { get; set; } = [];

    public string Digest { get; set; } = "";
    public Actor StartedBy { get; set; } = new("", StaffRoles.None, null);

    /// <summary>The branch the import is for; rows naming no branch go there.</summary>
    public string? Branch { get; set; }

    public ImportState State { get; set; }
    public int RowsTotal { get; set; }
    public int BatchSize { get; set; }
    public int Batches { get; set; }

    /// <summary>The first batch not yet done; every batch before it is stored as done.</summary>
    public int NextBatch { get; set; }

    public int Imported { get; set; }
    public int Duplicates { get; set; }
    public int Errors { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Failure { get; set; }

    /// <summary>
    /// The notices the job's end raised (<c>ImportFinished</c>), stored with the end until they are on
    /// the notice board; posting one twice changes nothing, so they are posted again after a crash.
    /// </summary>
    public List<Contracts.Circulation.LoanNotice> UnpostedNotices { get; set; } = [];

    public int RowsDoneInStoredBatches => Math.Min(RowsTotal, NextBatch * BatchSize);
}
