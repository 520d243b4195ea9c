using BranchArchive.Contracts;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Classification;
using BranchArchive.Contracts.Repairs;
using BranchArchive.Contracts.Retention;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Files;

/// <summary>
/// One customer file, keyed by its id. The grain is the single writer of the file's location,
/// status and open loan: whatever the concurrency, a file has at most one open loan. Every
/// successful answer is given only after the change is durably stored.
/// </summary>
public interface ICustomerFileGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the file in its cabinet (refused when the cabinet is full) and assigns its file
    /// number. Repeating the same registration on the same id answers the first outcome again.
    /// </summary>
    [SafeToRetry]
    Task<ArchiveResult<CustomerFile>> Register(RegisterFileCommand command, Actor actor);

    [SafeToRetry]
    Task<ArchiveResult<CustomerFile>> Get(Actor actor);

    /// <summary>
    /// Opens a loan if the file is on shelf, lendable and in the caller's branch. With an
    /// idempotency key, a repeat answers the loan the first call opened, and opens no other.
    /// </summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<Loan>> CheckOut(CheckoutCommand command, Actor actor, string? idempotencyKey);

    /// <summary>Closes the open loan named by the command and records the file's condition.</summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<CustomerFile>> Return(ReturnCommand command, Actor actor, string? idempotencyKey);

    /// <summary>
    /// Queues a request for the file to be lent at the command's pickup branch (the caller's). A
    /// file on the shelf of that very branch with nobody waiting is simply checked out.
    /// </summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<RequestAnswer>> Request(RequestFileCommand command, Actor actor, string? idempotencyKey);

    /// <summary>Withdraws a queued request; a file already held or travelling for it goes home instead.</summary>
    Task<ArchiveResult<CustomerFile>> CancelRequest(string requestId, Actor actor);

    /// <summary>Hands the file to a courier: to the first requester, or home after a loan elsewhere.</summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<CustomerFile>> Dispatch(DispatchCommand command, Actor actor, string? idempotencyKey);

    /// <summary>Takes the file from the courier at the branch it travelled to.</summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<CustomerFile>> Receive(ReceiveCommand command, Actor actor, string? idempotencyKey);

    /// <summary>Lends the file to the borrower of the request it waits for.</summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<Loan>> Pickup(PickupCommand command, Actor actor, string? idempotencyKey);

    /// <summary>Extends the open loan, a limited number of times and only while nobody waits for the file.</summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<Loan>> Renew(RenewCommand command, Actor actor, string? idempotencyKey);

    /// <summary>
    /// Moves the file's home to another cabinet, in its branch or another (managers of the branch
    /// it leaves, and head office), if the new cabinet has room. Finished by the next activation
    /// if the process dies midway.
    /// </summary>
    Task<ArchiveResult<CustomerFile>> Relocate(RelocateCommand command, Actor actor);

    /// <summary>Opens an on-site reading in the file's own branch; a manager opens it and is recorded as approving.</summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<ReadingSession>> OpenReading(OpenReadingCommand command, Actor actor, string? idempotencyKey);

    /// <summary>Closes the open reading session; the file is back on its shelf.</summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<CustomerFile>> CloseReading(CloseReadingCommand command, Actor actor, string? idempotencyKey);

    /// <summary>
    /// Asks for a reading that needs approval first: of an accounting file (a finance approver of its
    /// branch), or by an outside party on an official letter (head office, and the finance approver too
    /// for an accounting file). A staff reading of any other file needs no request (409).
    /// </summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<ReadingRequest>> RequestReading(RequestReadingCommand command, Actor actor, string? idempotencyKey);

    /// <summary>Gives the approval of a reading request the caller may give; a repeat by the same approver changes nothing.</summary>
    [SafeToRetry]
    Task<ArchiveResult<ReadingRequest>> ApproveReading(string requestId, Actor actor);

    /// <summary>Refuses a reading request (whoever could approve it); a repeat by the same person changes nothing.</summary>
    [SafeToRetry]
    Task<ArchiveResult<ReadingRequest>> RefuseReading(string requestId, RefuseRequestCommand command, Actor actor);

    /// <summary>The file's reading requests, newest first, for whoever is shown the file.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<ReadingRequest>>> GetReadingRequests(Actor actor);

    /// <summary>
    /// Records a request for a copy or extract of the file's documents. Accounting documents need a
    /// finance approver, a Restricted file a manager of its branch or head office; a photocopy of
    /// anything else is approved as recorded.
    /// </summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<CopyRequest>> RequestCopy(RequestCopyCommand command, Actor actor, string? idempotencyKey);

    /// <summary>Gives the approval of a copy request the caller may give; a repeat by the same approver changes nothing.</summary>
    [SafeToRetry]
    Task<ArchiveResult<CopyRequest>> ApproveCopy(string requestId, Actor actor);

    /// <summary>Refuses a copy request (whoever could approve it); a repeat by the same person changes nothing.</summary>
    [SafeToRetry]
    Task<ArchiveResult<CopyRequest>> RefuseCopy(string requestId, RefuseRequestCommand command, Actor actor);

    /// <summary>Records the photocopies of an approved request as made (by whom, when); a repeat changes nothing.</summary>
    [SafeToRetry]
    Task<ArchiveResult<CopyRequest>> MarkCopyMade(string requestId, MarkCopyMadeCommand command, Actor actor);

    /// <summary>The file's copy requests, newest first, for whoever is shown the file.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<CopyRequest>>> GetCopyRequests(Actor actor);

    // Circulation's exceptions (CustomerFileGrain.Missing.cs, .PickupExpiry.cs)

    /// <summary>
    /// Declares the file missing (managers of its home branch, head office): its transit and every
    /// waiting request are cancelled and the branches concerned notified. Not while it is lent out,
    /// read on site, in repair or held by an inspection.
    /// </summary>
    Task<ArchiveResult<CustomerFile>> DeclareMissing(DeclareMissingCommand command, Actor actor);

    /// <summary>A missing file is found: back on its home shelf (managers of its home branch, head office).</summary>
    Task<ArchiveResult<CustomerFile>> Found(FoundCommand command, Actor actor);

    /// <summary>
    /// The sending branch calls its dispatch back before the file is received: the file is back where
    /// it was sent from, as before the dispatch; the request it travelled for keeps its place.
    /// </summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<CustomerFile>> CancelTransit(CancelTransitCommand command, Actor actor, string? idempotencyKey);

    /// <summary>The file's chain of custody (requests and hand-overs), newest first.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<CustodyEvent>>> GetCustody(Actor actor);

    /// <summary>The file's most recent loans, newest first.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<LoanRecord>>> GetLoanHistory(Actor actor);

    // Classification

    /// <summary>
    /// Moves the file to the classes the command names (managers of its branch, head office) and
    /// keeps who, when, why, from and to. Naming only the classes it already has changes nothing.
    /// </summary>
    [SafeToRetry]
    Task<ArchiveResult<CustomerFile>> Reclassify(ReclassifyCommand command, Actor actor);

    /// <summary>The file's re-classifications, newest first.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<ClassificationChange>>> GetClassificationHistory(Actor actor);

    // Repairs

    /// <summary>Sends a Damaged file to repair (InRepair); the branch's staff.</summary>
    Task<ArchiveResult<CustomerFile>> StartRepair(StartRepairCommand command, Actor actor);

    /// <summary>Takes the repaired file back onto its shelf and keeps the repair in its history. Repeating it changes nothing.</summary>
    [SafeToRetry]
    Task<ArchiveResult<CustomerFile>> CompleteRepair(string repairId, CompleteRepairCommand command, Actor actor);

    /// <summary>Strikes documents found or re-made off the file's list of missing documents.</summary>
    [SafeToRetry]
    Task<ArchiveResult<CustomerFile>> SupplyDocuments(SupplyDocumentsCommand command, Actor actor);

    /// <summary>The file's repairs, the one under way first, then finished ones newest first.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<Repair>>> GetRepairs(Actor actor);

    // Retention and destruction

    /// <summary>Keeps the file from destruction until lifted (archivists); withdraws a pending destruction request.</summary>
    [SafeToRetry]
    Task<ArchiveResult<CustomerFile>> PlaceLegalHold(PlaceLegalHoldCommand command, Actor actor);

    [SafeToRetry]
    Task<ArchiveResult<CustomerFile>> LiftLegalHold(Actor actor);

    /// <summary>Proposes a file past its retention for destruction (managers of its branch, archivists). A repeat answers the pending request.</summary>
    [SafeToRetry]
    Task<ArchiveResult<DestructionRequest>> RequestDestruction(RequestDestructionCommand command, Actor actor);

    /// <summary>Approves the pending request as a manager of the file's branch or as an archivist; the two approvers must be different people.</summary>
    [SafeToRetry]
    Task<ArchiveResult<DestructionRequest>> ApproveDestruction(ApproveDestructionCommand command, Actor actor);

    /// <summary>
    /// Destroys the file under its twice-approved request before at least two witnesses: it keeps
    /// its number, its tombstone and its audit trail; its customer details are purged and its
    /// cabinet place freed. Repeating it answers the tombstone.
    /// </summary>
    [SafeToRetry]
    Task<ArchiveResult<CustomerFile>> Destroy(DestroyFileCommand command, Actor actor);

    // Scans: scanned copies of the file's documents (bytes in IScanStore, references here).

    /// <summary>
    /// Whether the caller may attach a scan to the document at <paramref name="documentIndex"/>
    /// (staff who may register files in the file's branch); asked before any byte is stored. A
    /// denial is audited. Answers the document.
    /// </summary>
    [SafeToRetry]
    Task<ArchiveResult<FileDocument>> MayAttachScan(int documentIndex, Actor actor);

    /// <summary>
    /// Records content already in the scan store as a scanned copy of a document, with its audit
    /// entry, durably. The same content on the same document again answers the first record (Ok).
    /// </summary>
    [SafeToRetry]
    Task<ArchiveResult<Scans.ScannedCopy>> AttachScan(Scans.AttachScanCommand command, Actor actor);

    /// <summary>The file's scanned copies, oldest first, for whoever may read the file.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<Scans.ScannedCopy>>> GetScans(Actor actor);

    /// <summary>
    /// Allows the download of the scan stored under <paramref name="digest"/> and writes it to the
    /// audit log (durably) before answering; a refusal is audited too. Only staff shown the
    /// customer may download a scan; ID copies (BasicInfo) only staff shown identity numbers in full.
    /// </summary>
    Task<ArchiveResult<Scans.ScannedCopy>> AuthorizeScanDownload(string digest, Actor actor);

    // Purpose-bound access (CustomerFileGrain.Access.cs): staff not shown the file in full ask to read it.

    /// <summary>
    /// Asks to read the file for a stated reason, for some hours (at most <c>Access:MaxGrant</c>);
    /// branch staff not shown it in full. Answers the request only: nothing of the file until approved.
    /// </summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<AccessRequest>> RequestAccess(RequestAccessCommand command, Actor actor, string? idempotencyKey);

    /// <summary>Grants access at once for <c>Access:EmergencyGrant</c>, flagged for review within <c>Access:EmergencyReviewWithin</c>.</summary>
    [SafeToRetry(WhenArgumentGiven = "idempotencyKey")]
    Task<ArchiveResult<AccessRequest>> EmergencyAccess(RequestAccessCommand command, Actor actor, string? idempotencyKey);

    /// <summary>Approves a pending request (a manager of the file's branch or head office, not the requester). A repeat answers it.</summary>
    [SafeToRetry]
    Task<ArchiveResult<AccessRequest>> ApproveAccess(string requestId, ApproveAccessCommand command, Actor actor);

    /// <summary>Refuses a pending request with a reason (as approving). A repeat answers it.</summary>
    [SafeToRetry]
    Task<ArchiveResult<AccessRequest>> RefuseAccess(string requestId, DecideAccessCommand command, Actor actor);

    /// <summary>The requester withdraws their request, pending or granted (the grant ends now). A repeat answers it.</summary>
    [SafeToRetry]
    Task<ArchiveResult<AccessRequest>> WithdrawAccess(string requestId, DecideAccessCommand command, Actor actor);

    /// <summary>Reviews an emergency grant (as approving), and may revoke it. A repeat by the same reviewer answers it.</summary>
    [SafeToRetry]
    Task<ArchiveResult<AccessRequest>> ReviewAccess(string requestId, ReviewAccessCommand command, Actor actor);

    /// <summary>The file's access requests, newest first: all for its deciders and auditors, the caller's own for anyone else.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<AccessRequest>>> GetAccessRequests(Actor actor);
}
