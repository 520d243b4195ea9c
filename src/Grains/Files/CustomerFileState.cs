using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Grains.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Files;

/// <summary>A customer file as stored. Stored as JSON by property name: rename nothing lightly.</summary>
public sealed class CustomerFileState : IAuditedState
{
    public List<AuditRecord> PendingAudit { get; set; } = [];

    public const int LoanHistoryCapacity = 100;

    public long FileNumber { get; set; }
    public Customer Customer { get; set; } = new(null, null, null, null, null);
    public Importance Importance { get; set; }
    public Sensitivity Sensitivity { get; set; }
    public bool Lendable { get; set; } = true;
    public List<string> Tags { get; set; } = [];
    public List<FileDocument> Documents { get; set; } = [];
    public string Branch { get; set; } = "";
    public string Cabinet { get; set; } = "";
    public FileStatus Status { get; set; }
    public Loan? OpenLoan { get; set; }

    /// <summary>Where the file is while away from home and not on the road (a branch code), else null.</summary>
    public string? AwayAt { get; set; }

    /// <summary>The journey under way while <see cref="FileStatus.InTransit"/>.</summary>
    public TransitLeg? Transit { get; set; }

    /// <summary>The request the file travelled for and waits at its pickup branch for.</summary>
    public string? HeldFor { get; set; }

    /// <summary>The condition recorded at a return away from home, applied when the file is back.</summary>
    public ReturnCondition? ConditionOnReturn { get; set; }

    /// <summary>A relocation begun and not yet finished (see <see cref="Relocation"/>).</summary>
    public Relocation? Relocating { get; set; }

    /// <summary>The on-site reading under way while <see cref="FileStatus.InReading"/>.</summary>
    public ReadingSession? Reading { get; set; }

    /// <summary>Requests waiting for the file, in arrival order.</summary>
    public List<FileRequest> Requests { get; set; } = [];

    /// <summary>The most recent requests and hand-overs, oldest first, at most <see cref="LoanHistoryCapacity"/>.</summary>
    public List<CustodyEvent> Custody { get; set; } = [];

    /// <summary>Where the file is now: its home, the branch it is away at, or null on the road.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Location => Transit is not null ? null : AwayAt ?? Branch;

    /// <summary>The most recent loans, oldest first, at most <see cref="LoanHistoryCapacity"/>.</summary>
    public List<LoanRecord> LoanHistory { get; set; } = [];

    /// <summary>Moves on with every stored change; clients see it as the file's version.</summary>
    public long Version { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
    public string RegisteredBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Digest of the registration request, to answer a repeated registration.</summary>
    public string RegistrationFingerprint { get; set; } = "";

    public RecentRequests RecentRequests { get; set; } = new();

    /// <summary>The inspection of the file's cabinet that holds it locked, or null.</summary>
    public InspectionLock? Inspection { get; set; }

    public void Record(LoanRecord record)
    {
        var index = LoanHistory.FindIndex(r => r.Loan.LoanId == record.Loan.LoanId);
        if (index >= 0)
        {
            LoanHistory[index] = record;
            return;
        }
        LoanHistory.Add(record);
        if (LoanHistory.Count > LoanHistoryCapacity)
        {
            LoanHistory.RemoveRange(0, LoanHistory.Count - LoanHistoryCapacity);
        }
    }

    public void Record(CustodyEvent custody)
    {
        Custody.Add(custody);
        if (Custody.Count > LoanHistoryCapacity)
        {
            Custody.RemoveRange(0, Custody.Count - LoanHistoryCapacity);
        }
    }

    /// <summary>The file as <paramref name="viewer"/> may see it (see <see cref="Disclosure"/>).</summary>
    public CustomerFile ToView(string id, Actor viewer, DateTimeOffset now) => new(
        id, FileNumber, Disclosure.CustomerFor(viewer, Branch, Sensitivity, Customer), Importance, ColorLabels.For(Importance), Sensitivity, Lendable,
        Tags, Documents, Status, Branch, Cabinet, OpenLoan, Version, RegisteredAt, UpdatedAt, Location, Transit, Requests.ToList(),
        OpenLoan is { } loan && loan.DueAt < now);
}
