using BranchArchive.Contracts.Files;

namespace BranchArchive.Contracts.Inspections;

// Stored and sent by name (never by number).

/// <summary>Where a cabinet stands in its inspection period: not yet due, due (listed), overdue.</summary>
public enum InspectionDueState { NotDue, Due, Overdue }

/// <summary><c>Abandoned</c>: called off before completion; it found nothing and does not count as the period's inspection.</summary>
public enum InspectionStatus { Open, Completed, Abandoned }

/// <summary>What a completed inspection concluded about one file of the roster; the file acts on it.</summary>
public enum InspectionFinding { Found, Missing, Accounted }

/// <summary>
/// Why a number found in the cabinet belongs to no file that should be there: no file has it, its
/// file is destroyed, or its file belongs to another branch (which the report names no more of:
/// not its id, branch, cabinet or status, since the inspecting branch may not see it).
/// </summary>
public enum UnexpectedReason { Unknown, Destroyed, OtherBranch }

/// <summary>When a cabinet's next inspection is due (see docs/inspections.md for the rule).</summary>
[GenerateSerializer, Immutable, Alias("inspection-schedule")]
public sealed record InspectionSchedule(
    [property: Id(0)] string Branch,
    [property: Id(1)] string Cabinet,
    [property: Id(2)] InspectionDueState State,
    [property: Id(3)] DateTimeOffset DueFrom,
    [property: Id(4)] DateTimeOffset DueBy,
    [property: Id(5)] DateTimeOffset? LastInspectedAt,
    [property: Id(6)] string? OpenInspectionId);

/// <summary>A file of the roster as it stood when the inspection locked it.</summary>
[GenerateSerializer, Immutable, Alias("inspected-file")]
public sealed record InspectedFile(
    [property: Id(0)] string FileId,
    [property: Id(1)] long FileNumber,
    [property: Id(2)] FileStatus Status);

/// <summary>A number found here that belongs to a file of another cabinet of the same branch.</summary>
[GenerateSerializer, Immutable, Alias("misplaced-file")]
public sealed record MisplacedFile(
    [property: Id(0)] string FileId,
    [property: Id(1)] long FileNumber,
    [property: Id(2)] string Branch,
    [property: Id(3)] string Cabinet);

[GenerateSerializer, Immutable, Alias("unexpected-number")]
public sealed record UnexpectedNumber(
    [property: Id(0)] long FileNumber,
    [property: Id(1)] UnexpectedReason Reason);

/// <summary>
/// One inspection (stocktake) of a cabinet: open while numbers are scanned, then its report.
/// <c>Missing</c>: expected on the shelf, not found (now <c>Missing</c>). <c>FoundAgain</c>: was
/// <c>Missing</c>, found (now <c>OnShelf</c>). <c>Accounted</c>: away when the inspection started
/// (on loan, in transit, in reading, ...), so not looked for. While the inspection is open the
/// lists are the running reconciliation of the numbers found so far (<c>Missing</c>: not found
/// yet); nothing acts on them until completion. <c>Scanned</c>: while open, every number scanned
/// so far (ascending), so a desk that reloads shows its list again; null in reports.
/// </summary>
[GenerateSerializer, Immutable, Alias("inspection")]
public sealed record Inspection(
    [property: Id(0)] string Id,
    [property: Id(1)] string Branch,
    [property: Id(2)] string Cabinet,
    [property: Id(3)] InspectionStatus Status,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] string StartedBy,
    [property: Id(6)] DateTimeOffset? CompletedAt,
    [property: Id(7)] string? CompletedBy,
    [property: Id(8)] int RosterCount,
    [property: Id(9)] int FoundCount,
    [property: Id(10)] IReadOnlyList<InspectedFile> Missing,
    [property: Id(11)] IReadOnlyList<InspectedFile> FoundAgain,
    [property: Id(12)] IReadOnlyList<InspectedFile> Accounted,
    [property: Id(13)] IReadOnlyList<MisplacedFile> Misplaced,
    [property: Id(14)] IReadOnlyList<UnexpectedNumber> Unexpected,
    [property: Id(15)] string? AbandonReason = null,
    [property: Id(16)] IReadOnlyList<long>? Scanned = null)
{
    public InspectionSummary Summary() => new(Id, Branch, Cabinet, Status, StartedAt, StartedBy, CompletedAt, RosterCount, FoundCount,
        Missing.Count, Misplaced.Count, Unexpected.Count);
}

/// <summary>An inspection in a list: its counts without the file lists.</summary>
[GenerateSerializer, Immutable, Alias("inspection-summary")]
public sealed record InspectionSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Branch,
    [property: Id(2)] string Cabinet,
    [property: Id(3)] InspectionStatus Status,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] string StartedBy,
    [property: Id(6)] DateTimeOffset? CompletedAt,
    [property: Id(7)] int RosterCount,
    [property: Id(8)] int FoundCount,
    [property: Id(9)] int MissingCount,
    [property: Id(10)] int MisplacedCount,
    [property: Id(11)] int UnexpectedCount);
