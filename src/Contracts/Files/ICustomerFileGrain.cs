using BranchArchive.Contracts;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Circulation;
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
    /// Raises the notices its open loan is due for (due soon, overdue) on the borrower's branch's
    /// notice board; called by the notice sweeper. Raising one twice changes nothing.
    /// </summary>
    [SafeToRetry]
    Task RaiseDueNotices();

    /// <summary>The file's chain of custody (requests and hand-overs), newest first.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<CustodyEvent>>> GetCustody(Actor actor);

    /// <summary>The file's most recent loans, newest first.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<LoanRecord>>> GetLoanHistory(Actor actor);

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
}
