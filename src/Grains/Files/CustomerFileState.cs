using System.Text.Json.Serialization;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Grains.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Classification;
using BranchArchive.Contracts.Repairs;
using BranchArchive.Contracts.Retention;
using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Storage;
using BranchArchive.Contracts.Scans;

namespace BranchArchive.Grains.Files;

/// <summary>A customer file as stored. Stored as JSON by property name: rename nothing lightly.</summary>
public sealed class CustomerFileState : IAuditedState, IJsonOnDeserialized
{
    public List<AuditRecord> PendingAudit { get; set; } = [];

    /// <summary>How many loans or custody events a read of the file's register answers (the newest).</summary>
    public const int RegisterReadLimit = 100;

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

    /// <summary>When the file arrived where it waits for its borrower (set with <see cref="HeldFor"/>).</summary>
    public DateTimeOffset? HeldSince { get; set; }

    /// <summary>
    /// Since when the file waits for its borrower at a requesting branch; null unless
    /// <see cref="FileStatus.AwaitingPickup"/>. Rows stored before <see cref="HeldSince"/> was kept
    /// count from the file's last change (as schema <c>010</c>/<c>013</c> fills the catalogue):
    /// never earlier than the arrival, so the borrower gets at least the full time.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? AwaitingPickupSince => Status == FileStatus.AwaitingPickup ? HeldSince ?? UpdatedAt : null;

    /// <summary>
    /// Notices a change to the file's circulation raised (declared missing, transit cancelled,
    /// pickup expired…), stored with the change until they are on the notice boards; posting one
    /// twice changes nothing, so after a crash they are posted again on the next activation.
    /// </summary>
    [JsonIgnore]
    public List<Contracts.Circulation.LoanNotice> UnpostedNotices { get => _unpostedNotices ??= []; set => _unpostedNotices = value; }

    [JsonIgnore]
    public bool HasUnpostedNotices => _unpostedNotices is { Count: > 0 };

    private List<Contracts.Circulation.LoanNotice>? _unpostedNotices;

    [JsonInclude, JsonPropertyName("unpostedNotices"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private List<Contracts.Circulation.LoanNotice>? StoredUnpostedNotices { get => _unpostedNotices is { Count: > 0 } ? _unpostedNotices : null; set => _unpostedNotices = value; }

    /// <summary>The condition recorded at a return away from home, applied when the file is back.</summary>
    public ReturnCondition? ConditionOnReturn { get; set; }

    /// <summary>A relocation begun and not yet finished (see <see cref="Relocation"/>).</summary>
    public Relocation? Relocating { get; set; }

    /// <summary>The on-site reading under way while <see cref="FileStatus.InReading"/>.</summary>
    public ReadingSession? Reading { get; set; }

    /// <summary>Requests waiting for the file, in arrival order.</summary>
    public List<FileRequest> Requests { get; set; } = [];

    /// <summary>
    /// Custody events (requests, hand-overs) of the latest change, until they are in the file
    /// register (<see cref="Contracts.Files.IFileRegister"/>). Rows stored before the register
    /// existed hold the file's last 100 here, and move them on the next write.
    /// </summary>
    [JsonIgnore]
    public List<CustodyEvent> UnwrittenCustody { get => _unwrittenCustody ??= []; set => _unwrittenCustody = value; }

    /// <summary>Where the file is now: its home, the branch it is away at, or null on the road.</summary>
    [JsonIgnore]
    public string? Location => Transit is not null ? null : AwayAt ?? Branch;

    /// <summary>Loans opened or changed by the latest change, until they are in the file register (as <see cref="UnwrittenCustody"/>).</summary>
    [JsonIgnore]
    public List<LoanRecord> UnwrittenLoans { get => _unwrittenLoans ??= []; set => _unwrittenLoans = value; }

    /// <summary>Whether the state holds register entries not yet written (without making empty lists for it).</summary>
    [JsonIgnore]
    public bool HasUnwrittenRegister => _unwrittenLoans is { Count: > 0 } || _unwrittenCustody is { Count: > 0 };

    /// <summary>Moves on with every stored change; clients see it as the file's version.</summary>
    public long Version { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
    public string RegisteredBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Digest of the registration request, to answer a repeated registration.</summary>
    public string RegistrationFingerprint
    {
        // Kept as its 32 bytes rather than 64 characters (a string of 152 bytes in every active file);
        // a value that is not upper-case hex (none is written so) is kept as it is.
        get => _fingerprintText ?? Convert.ToHexString(_fingerprint ?? []);
        set
        {
            var bytes = value.Length % 2 == 0 && value.All(char.IsAsciiHexDigitUpper) ? Convert.FromHexString(value) : null;
            (_fingerprint, _fingerprintText) = bytes is not null ? (bytes, (string?)null) : ((byte[]?)null, value);
        }
    }

    private byte[]? _fingerprint;
    private string? _fingerprintText;

    [JsonIgnore]
    public RecentRequests RecentRequests { get => _recentRequests ??= new(); set => _recentRequests = value; }

    public const int ClassificationHistoryCapacity = 50;

    /// <summary>Null in rows stored before stages were kept: such a file has no end of retention until classified.</summary>
    public CooperationStage? Stage { get; set; }
    public Relationship Relationship { get; set; }

    /// <summary>The year and quarter the file is filed under; null in rows stored before they were kept.</summary>
    public int? FilingYear { get; set; }
    public int? FilingQuarter { get; set; }

    /// <summary>When the stage became <see cref="CooperationStage.Terminated"/>: retention counts from here.</summary>
    public DateTimeOffset? RelationshipEndedAt { get; set; }

    /// <summary>The most recent re-classifications, oldest first, at most <see cref="ClassificationHistoryCapacity"/>.</summary>
    [JsonIgnore]
    public List<ClassificationChange> ClassificationHistory { get => _classificationHistory ??= []; set => _classificationHistory = value; }

    /// <summary>The inspection of the file's cabinet that holds it locked, or null.</summary>
    public InspectionLock? Inspection { get; set; }

    /// <summary>A loan opened or changed: its register entry is written with the change (a later version replaces an unwritten one).</summary>
    public void Record(LoanRecord record)
    {
        var index = UnwrittenLoans.FindIndex(r => r.Loan.LoanId == record.Loan.LoanId);
        if (index >= 0)
        {
            UnwrittenLoans[index] = record;
            return;
        }
        UnwrittenLoans.Add(record);
    }

    public void Record(CustodyEvent custody) => UnwrittenCustody.Add(custody);

    public const int RepairHistoryCapacity = 20;

    /// <summary>The repair under way while <see cref="FileStatus.InRepair"/>.</summary>
    public Repair? Repair { get; set; }

    /// <summary>Finished repairs, oldest first, at most <see cref="RepairHistoryCapacity"/>.</summary>
    [JsonIgnore]
    public List<Repair> Repairs { get => _repairs ??= []; set => _repairs = value; }

    /// <summary>Documents found missing at Incomplete returns and not yet supplied.</summary>
    [JsonIgnore]
    public List<MissingDocument> MissingDocuments { get => _missingDocuments ??= []; set => _missingDocuments = value; }

    public LegalHold? LegalHold { get; set; }

    /// <summary>The destruction proposed for the file and the approvals it has so far.</summary>
    public DestructionRequest? Destruction { get; set; }

    /// <summary>The register entry of the file's destruction: its tombstone, kept with its number.</summary>
    public DestructionRecord? Destroyed { get; set; }

    /// <summary>
    /// Who is shown the file's details: head office and auditors, its home branch, and the branch it
    /// is at or on its way to. A branch that only has a request waiting is not: filing a request
    /// (and cancelling it) must not be a way to read any file.
    /// </summary>
    public bool ShowsDetailsTo(Actor viewer) => viewer.CanSee(Branch) || viewer.CanSee(CirculationRules.HandlingBranch(this));

    /// <summary>Does <paramref name="viewer"/> see the file only through a request of its branch that waits for it?</summary>
    public bool ShowsOnlyRequestTo(Actor viewer) => !ShowsDetailsTo(viewer) && Requests.Any(r => viewer.CanSee(r.PickupBranch));

    /// <summary>
    /// The file as <paramref name="viewer"/> may see it (see <see cref="Disclosure"/> and <see cref="ShowsDetailsTo"/>),
    /// its loan with the renewals left under the policy, and lendable as the never-lent rule has it now.
    /// </summary>
    public CustomerFile ToView(string id, Actor viewer, DateTimeOffset now, CirculationOptions circulation)
    {
        var whereabouts = CirculationRules.WhereaboutsOf(this);
        var lendable = NeverLentRule.IsLendable(this, circulation.NeverLent);
        var maxRenewals = circulation.MaxRenewals;
        return ShowsDetailsTo(viewer)
            ? new(id, FileNumber, Disclosure.CustomerFor(viewer, Branch, Sensitivity, Customer), Importance, ColorLabels.For(Importance), Sensitivity, lendable,
                Tags, Documents, Status, Branch, Cabinet, OpenLoan?.Shown(maxRenewals), Version, RegisteredAt, UpdatedAt, Location, Transit, Requests.ToList(),
                OpenLoan is { } loan && loan.DueAt < now, Stage, Relationship, FilingYear, FilingQuarter, RelationshipEndedAt,
                [.. _missingDocuments ?? []], Repair, LegalHold, Destruction, Destroyed, whereabouts.Stage, whereabouts.Destination, Reading)
            : RequesterView(id, viewer, whereabouts, lendable);
    }

    /// <summary>
    /// What a branch waiting for the file is shown: its number, status, where it belongs and is, its
    /// classification and the branch's own requests. Not the customer (but its type), documents,
    /// tags, loan, other branches' requests, repairs, hold or destruction.
    /// </summary>
    private CustomerFile RequesterView(string id, Actor viewer, Whereabouts whereabouts, bool lendable) => new(
        id, FileNumber, new Customer(null, Customer.Type, null, null, null), Importance, ColorLabels.For(Importance), Sensitivity, lendable,
        [], [], Status, Branch, Cabinet, null, Version, RegisteredAt, UpdatedAt, Location, null,
        [.. Requests.Where(r => viewer.CanSee(r.PickupBranch))], false, Stage, Relationship, FilingYear, FilingQuarter, null,
        [], null, null, null, null, whereabouts.Stage, ShownDestination(viewer, whereabouts.Destination));

    /// <summary>Where the file goes next, to a branch that only waits for it: its own branch or the file's home, never another requester.</summary>
    private string? ShownDestination(Actor viewer, string? destination) =>
        destination is { } to && (to == Branch || viewer.CanSee(to)) ? to : null;

    /// <summary>Scanned copies of the documents, oldest first; the bytes are in the scan store under each digest.</summary>
    [JsonIgnore]
    public List<ScannedCopy> Scans { get => _scans ??= []; set => _scans = value; }

    /// <summary>
    /// Requests for purpose-bound access to the file (<see cref="AccessGrants"/>), oldest first: every
    /// pending one, grant and unreviewed emergency, and the newest finished ones.
    /// </summary>
    [JsonIgnore]
    public List<AccessRequest> AccessRequests { get => _accessRequests ??= []; set => _accessRequests = value; }

    private List<AccessRequest>? _accessRequests;

    /// <summary>The access requests, read without making an empty list.</summary>
    [JsonIgnore]
    public IReadOnlyList<AccessRequest> AccessRequestsSoFar => _accessRequests ?? [];

    [JsonInclude, JsonPropertyName("accessRequests"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private List<AccessRequest>? StoredAccessRequests { get => Stored(_accessRequests); set => _accessRequests = value; }
    /// <summary>Reading requests (调阅申请) of the file, oldest first, at most <see cref="ReadingRequestRules.Capacity"/>.</summary>
    [JsonIgnore]
    public List<ReadingRequest> ReadingRequests { get => _readingRequests ??= []; set => _readingRequests = value; }

    /// <summary>Copy requests of the file's documents, oldest first, at most <see cref="CopyRules.Capacity"/>.</summary>
    [JsonIgnore]
    public List<CopyRequest> CopyRequests { get => _copyRequests ??= []; set => _copyRequests = value; }

    /// <summary>Whether any reading request waits for an approval (without making an empty list).</summary>
    [JsonIgnore]
    public bool AwaitsReadingApproval => _readingRequests?.Exists(r => r.Status == ReadingRequestStatus.Pending) == true;

    /// <summary>Whether any copy request waits for an approval (without making an empty list).</summary>
    [JsonIgnore]
    public bool AwaitsCopyApproval => _copyRequests?.Exists(r => r.Status == CopyRequestStatus.Pending) == true;

    /// <summary>What a destruction left to do outside the file and has not done yet; null when nothing is left.</summary>
    public DestructionCleanup? Cleanup { get; set; }

    /// <summary>The scan-store digests this file refers to, each once (what a purge of its electronic copies deletes).</summary>
    public IReadOnlyCollection<string> ReferencedScanDigests() => Scans.Select(scan => scan.Digest).ToHashSet(StringComparer.Ordinal);

    // Lists that stay empty for most files are made only when used, and stored only when they
    // hold something (a missing list reads as empty): a file kept active idle costs less memory.
    // Their stored names are those the lists always had. Measured (issue 20): made always, they
    // would add about 376 managed bytes to every idle file grain, past the 4 KB target.

    private List<CustodyEvent>? _unwrittenCustody;
    private List<LoanRecord>? _unwrittenLoans;
    private RecentRequests? _recentRequests;
    private List<ClassificationChange>? _classificationHistory;
    private List<Repair>? _repairs;
    private List<MissingDocument>? _missingDocuments;
    private List<ScannedCopy>? _scans;
    private List<ReadingRequest>? _readingRequests;
    private List<CopyRequest>? _copyRequests;

    [JsonInclude, JsonPropertyName("custody"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private List<CustodyEvent>? StoredCustody { get => Stored(_unwrittenCustody); set => _unwrittenCustody = value; }

    [JsonInclude, JsonPropertyName("loanHistory"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private List<LoanRecord>? StoredLoans { get => Stored(_unwrittenLoans); set => _unwrittenLoans = value; }

    [JsonInclude, JsonPropertyName("recentRequests"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private RecentRequests? StoredRecentRequests { get => _recentRequests is { Items.Count: > 0 } ? _recentRequests : null; set => _recentRequests = value; }

    [JsonInclude, JsonPropertyName("classificationHistory"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private List<ClassificationChange>? StoredClassificationHistory { get => Stored(_classificationHistory); set => _classificationHistory = value; }

    [JsonInclude, JsonPropertyName("repairs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private List<Repair>? StoredRepairs { get => Stored(_repairs); set => _repairs = value; }

    [JsonInclude, JsonPropertyName("missingDocuments"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private List<MissingDocument>? StoredMissingDocuments { get => Stored(_missingDocuments); set => _missingDocuments = value; }

    [JsonInclude, JsonPropertyName("scans"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private List<ScannedCopy>? StoredScans { get => Stored(_scans); set => _scans = value; }

    [JsonInclude, JsonPropertyName("readingRequests"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private List<ReadingRequest>? StoredReadingRequests { get => Stored(_readingRequests); set => _readingRequests = value; }

    [JsonInclude, JsonPropertyName("copyRequests"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private List<CopyRequest>? StoredCopyRequests { get => Stored(_copyRequests); set => _copyRequests = value; }

    private static List<T>? Stored<T>(List<T>? list) => list is { Count: > 0 } ? list : null;

    /// <summary>
    /// Values that repeat across thousands of files (branch and cabinet codes, staff names,
    /// regions, industries, tags) are shared by every active file instead of copied into each.
    /// </summary>
    /// <remarks>
    /// Measured (issue 20): about 240 managed bytes per idle file grain, which would take the
    /// 3.85 KB measured by the writes benchmark to the edge of its 4 KB target.
    /// </remarks>
    void IJsonOnDeserialized.OnDeserialized()
    {
        Branch = SharedStrings.Get(Branch) ?? "";
        Cabinet = SharedStrings.Get(Cabinet) ?? "";
        RegisteredBy = SharedStrings.Get(RegisteredBy) ?? "";
        if (Customer is not null)
        {
            Customer = Customer with { Industry = SharedStrings.Get(Customer.Industry), Region = SharedStrings.Get(Customer.Region) };
        }
        for (var i = 0; i < (Tags?.Count ?? 0); i++)
        {
            Tags![i] = SharedStrings.Get(Tags[i])!;
        }
    }

    /// <summary>The loans and custody events not yet in the register, read without making empty lists.</summary>
    [JsonIgnore]
    public IReadOnlyList<LoanRecord> UnwrittenLoansSoFar => _unwrittenLoans ?? [];

    /// <inheritdoc cref="UnwrittenLoansSoFar"/>
    [JsonIgnore]
    public IReadOnlyList<CustodyEvent> UnwrittenCustodySoFar => _unwrittenCustody ?? [];
}
