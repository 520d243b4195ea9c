using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;
using Orleans.Concurrency;

namespace BranchArchive.Contracts.Inspections;

/// <summary>Branch-wide and archive-wide inspection lists, gathered from the cabinets. A stateless worker.</summary>
public interface IInspectionBoardGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Cabinets due or overdue for inspection, most urgent first: of <paramref name="branch"/>, or
    /// (head office, auditors, when null) of every branch. Clerks and managers see their own branch.
    /// </summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<InspectionSchedule>>> ListDue(string? branch, Actor actor);

    /// <summary>The inspections of every cabinet of the branch, newest first.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<InspectionSummary>>> ListForBranch(string branch, Actor actor);
}

/// <summary>
/// Walks the branch directory and has every cabinet arm its inspection reminder; run at each
/// silo start, since the embedded default keeps reminders in memory only.
/// </summary>
public interface IInspectionSchedulerGrain : IGrainWithIntegerKey
{
    /// <summary>Starts the walk and returns at once.</summary>
    [OneWay]
    Task ArmAll();

    /// <summary>The walk itself; answers how many cabinets were armed.</summary>
    Task<int> ArmAllNow();
}
