using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Grains.Audit;

namespace BranchArchive.Grains.Inspections;

/// <summary>A cabinet's inspections as stored. Stored as JSON by property name: rename nothing lightly.</summary>
public sealed class CabinetInspectionState : IAuditedState
{
    public List<AuditRecord> PendingAudit { get; set; } = [];

    public string Branch { get; set; } = "";
    public string Cabinet { get; set; } = "";

    /// <summary>When the schedule began (the cabinet's installation, or the first start after this feature came).</summary>
    public DateTimeOffset ScheduledSince { get; set; }

    public DateTimeOffset? LastInspectedAt { get; set; }

    /// <summary>The due dates whose notices were raised, so a reminder tick does not raise them again.</summary>
    public DateTimeOffset? DueNoticeFor { get; set; }
    public DateTimeOffset? OverdueNoticeFor { get; set; }

    public InspectionSession? Open { get; set; }

    /// <summary>The most recent completed reports, oldest first.</summary>
    public List<Inspection> Reports { get; set; } = [];
}

/// <summary>
/// <c>Locking</c>: stored before the roster's files are locked; <c>Open</c>: all locked, numbers
/// are recorded; <c>Unlocking</c>: the report is stored and the files are being told the finding.
/// </summary>
public enum InspectionPhase { Locking, Open, Unlocking }

public sealed class InspectionSession
{
    public string Id { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public string StartedBy { get; set; } = "";
    public InspectionPhase Phase { get; set; }

    /// <summary>The cabinet's roster when the session started.</summary>
    public List<string> RosterIds { get; set; } = [];

    /// <summary>Each locked file as it stood when locked (files no longer in the cabinet are left out).</summary>
    public List<InspectedFile> Roster { get; set; } = [];

    public HashSet<long> Found { get; set; } = [];

    /// <summary>
    /// Roster places no registered file held when locked: a registration that died between
    /// reserving its place and storing the file. Completion frees those still unheld.
    /// </summary>
    public List<string> Unfiled { get; set; } = [];

    /// <summary>The reconciliation, stored before the files are unlocked.</summary>
    public Inspection? Report { get; set; }
}
