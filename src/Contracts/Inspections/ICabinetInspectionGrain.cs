using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Inspections;

/// <summary>
/// The inspections of one cabinet, keyed like the cabinet (<c>SH01/C01</c>): its schedule (an
/// Orleans reminder raises the due and overdue notices), the open session, and the last reports.
/// Calls flow one way: this grain calls the cabinet (its roster) and the files on it (lock and
/// unlock); neither ever calls back. Every answer comes after the change is stored; a session
/// cut off midway (locking or unlocking its files) is finished by the next call or activation.
/// </summary>
public interface ICabinetInspectionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Arms the reminder (again, after a restart on the in-memory reminder service) and answers
    /// the schedule; null when no such cabinet exists. The schedule's start is stored on first use.
    /// </summary>
    [SafeToRetry]
    Task<InspectionSchedule?> EnsureScheduled();

    /// <summary>Raises the due / overdue notice for the branch if the schedule has reached it; once per due date.</summary>
    [SafeToRetry]
    Task RaiseNotices();

    /// <summary>
    /// Opens a session and locks every file on the roster against check-out, return and moves.
    /// While a session is open, a repeat answers it.
    /// </summary>
    [SafeToRetry]
    Task<ArchiveResult<Inspection>> Start(Actor actor);

    /// <summary>Records file numbers found in the cabinet; numbers already recorded change nothing.</summary>
    [SafeToRetry]
    Task<ArchiveResult<Inspection>> RecordFound(string inspectionId, RecordFoundCommand command, Actor actor);

    /// <summary>
    /// Reconciles the numbers found against the roster, marks files Missing (or OnShelf again),
    /// unlocks them and stores the report. A repeat answers the stored report.
    /// </summary>
    [SafeToRetry]
    Task<ArchiveResult<Inspection>> Complete(string inspectionId, Actor actor);

    /// <summary>
    /// Calls the open session off (managers of the branch, head office): every file is unlocked
    /// unchanged, the cabinet takes files again, and the report is kept as Abandoned with the
    /// reason; the cabinet stays due. A repeat answers the stored report.
    /// </summary>
    [SafeToRetry]
    Task<ArchiveResult<Inspection>> Abandon(string inspectionId, AbandonInspectionCommand command, Actor actor);

    /// <summary>The open session or a stored report.</summary>
    [SafeToRetry]
    Task<ArchiveResult<Inspection>> Get(string inspectionId, Actor actor);

    /// <summary>The open session (if any) and the stored reports, newest first.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<InspectionSummary>>> List(Actor actor);

    /// <summary>The same without an access check, for the branch-wide lists (the caller checks).</summary>
    [SafeToRetry]
    Task<IReadOnlyList<InspectionSummary>> Summaries();
}
