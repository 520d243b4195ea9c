using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;
using Orleans.Concurrency;

namespace BranchArchive.Contracts.Imports;

/// <summary>
/// One import job, keyed by <see cref="ImportIds.Job"/>. It stores the rows before it answers,
/// then registers them in batches through the file grains, keeping its progress durably, and
/// resumes after a restart; a row done twice lands on the same file and imports it once.
/// </summary>
public interface IImportJobGrain : IGrainWithStringKey
{
    /// <summary>Stores the rows and starts the job; starting it again with the same rows answers the job as it stands.</summary>
    [SafeToRetry]
    Task<ArchiveResult<ImportJob>> Start(StartImportCommand command, Actor actor);

    /// <summary>The job and its progress; answered while a batch runs.</summary>
    [SafeToRetry, AlwaysInterleave]
    Task<ArchiveResult<ImportJob>> Get(Actor actor);

    /// <summary>The errors and duplicates of the rows done so far.</summary>
    [SafeToRetry, AlwaysInterleave]
    Task<ArchiveResult<ImportReport>> GetReport(Actor actor);

    /// <summary>Makes sure a running job is working (after a restart); answers whether it is still running.</summary>
    [SafeToRetry]
    Task<bool> Resume();
}
