using BranchArchive.Contracts.Imports;

namespace BranchArchive.Grains.Imports;

/// <summary>
/// One batch of an import job's rows (key <c>{job}/{index}</c>), stored before the job answers so
/// it can resume after a restart, and the batch's outcome once done. A batch keeps its rows' state
/// small enough to write whole (a few hundred rows), and the job's own state stays counters.
/// </summary>
public interface IImportBatchGrain : IGrainWithStringKey
{
    /// <summary>Stores the rows; storing the same rows again changes nothing.</summary>
    Task Store(IReadOnlyList<ImportRow> rows);

    /// <summary>The stored rows, or null when none were stored.</summary>
    Task<IReadOnlyList<ImportRow>?> Rows();

    /// <summary>Stores the batch's issues; the job counts the batch done after this.</summary>
    Task Complete(IReadOnlyList<ImportIssue> issues);

    Task<IReadOnlyList<ImportIssue>> Issues();

    /// <summary>
    /// Drops the stored rows once the job has ended (its issues stay for the report): the rows
    /// carry customers' details, which must not outlive a file destroyed later. Idempotent.
    /// </summary>
    Task Forget();
}
