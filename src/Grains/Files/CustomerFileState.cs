using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Grains.Audit;
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

    /// <summary>The file as <paramref name="viewer"/> may see it (see <see cref="Disclosure"/>).</summary>
    public CustomerFile ToView(string id, Actor viewer) => new(
        id, FileNumber, Disclosure.CustomerFor(viewer, Branch, Sensitivity, Customer), Importance, ColorLabels.For(Importance), Sensitivity, Lendable,
        Tags, Documents, Status, Branch, Cabinet, OpenLoan, Version, RegisteredAt, UpdatedAt);
}
