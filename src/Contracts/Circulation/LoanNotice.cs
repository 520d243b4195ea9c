using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Circulation;

/// <summary>
/// <c>InspectionDue</c> / <c>InspectionOverdue</c>: a cabinet's inspection is due or overdue; such a
/// notice names the <c>Cabinet</c> and has no file, loan or borrower.
/// The circulation's exceptions, each dated (<c>DueAt</c>) when it happened and with no loan:
/// <c>DeclaredMissing</c> (to the file's home and the branches it was at or travelling between),
/// <c>Found</c> (to its home), <c>RequestCancelled</c> (to a requesting branch, naming the request
/// and its borrower, when the file was declared missing), <c>TransitCancelled</c> (to the branch the
/// file was travelling to), <c>PickupExpired</c> (to the requesting branch whose borrower did not
/// come for the file in time).
/// The events of the journey and the work waiting (issue 19; appended, so stored names and numbers
/// keep their meaning): <c>DispatchRequested</c> (to the branch that holds the file and must send it
/// for a request, dated when the request was made), <c>InTransitToYou</c> (to the branch a dispatched
/// file travels to, dated at the dispatch), <c>ArrivedForPickup</c> (to the requesting branch and, as
/// a second notice, to the borrower in person, dated at the arrival), <c>PickupExpiring</c> (the same
/// two, a lead before the pickup expires, dated when it expires), <c>DestructionAwaitingApproval</c>
/// (to the file's branch, whose manager approves, and seen by head office, whose archivist approves;
/// dated when requested), <c>ImportFinished</c> (to the importing branch and, in person, to who
/// started the import; dated when it ended; names the <c>ImportJob</c>, no file), <c>AccessAwaitingReview</c>
/// (issue 21: to the file's branch when emergency access is granted, dated when its review is due; names the request).
/// </summary>
public enum NoticeKind
{
    DueSoon, Overdue, InspectionDue, InspectionOverdue, DeclaredMissing, Found, RequestCancelled, TransitCancelled, PickupExpired,
    DispatchRequested, InTransitToYou, ArrivedForPickup, PickupExpiring, DestructionAwaitingApproval, ImportFinished,
    // Purpose-bound access (issue 21): an emergency grant waits for its review, dated when the review is due.
    AccessAwaitingReview,
}

/// <summary>
/// A notice to a branch: a loan falls due soon or is overdue, a cabinet's inspection comes due, or
/// something happened to a file the branch waits for or handles (see <see cref="NoticeKind"/>).
/// <c>RequestId</c> names the request a <c>RequestCancelled</c> or <c>PickupExpired</c> notice is about.
/// <c>Id</c> is the notice's stable id, filled when it is read back from the database: the same
/// event always has the same id (a hash of its key), so a receiver can deduplicate by it.
/// <c>Recipient</c>: the member of staff (their staff id) a notice is addressed to in person; null
/// for a notice to the branch. <c>ImportJob</c>: the import an <c>ImportFinished</c> notice is about.
/// <c>ReadAt</c>/<c>ReadBy</c>: when and by whom it was marked read (null: unread), filled when read
/// back; <c>Read</c> says the same as a flag.
/// </summary>
[GenerateSerializer, Immutable, Alias("loan-notice")]
public sealed record LoanNotice(
    [property: Id(0)] string FileId,
    [property: Id(1)] NoticeKind Kind,
    [property: Id(2)] DateTimeOffset DueAt,
    [property: Id(3)] string Branch,
    [property: Id(4)] long FileNumber,
    [property: Id(5)] string LoanId,
    [property: Id(6)] string Borrower,
    [property: Id(7)] DateTimeOffset At,
    [property: Id(8)] string? Cabinet = null,
    [property: Id(9)] string? RequestId = null,
    [property: Id(10)] string? Id = null,
    [property: Id(11)] string? Recipient = null,
    [property: Id(12)] string? ImportJob = null,
    [property: Id(13)] DateTimeOffset? ReadAt = null,
    [property: Id(14)] string? ReadBy = null)
{
    public bool Read => ReadAt is not null;
}

/// <summary>
/// Which notices to list: a branch (null: every branch), kinds (null or empty: all), and a window
/// of <c>At</c> (raised at or after <c>Since</c>, before <c>Before</c>), newest first.
/// <c>Recipient</c>: only notices addressed to this member of staff in person. <c>BranchAddressed</c>:
/// only notices addressed to the branch (no recipient). Neither: every notice. <c>Read</c>: true only
/// read ones, false only unread ones, null both.
/// </summary>
[GenerateSerializer, Immutable, Alias("notice-query")]
public sealed record NoticeQuery(
    [property: Id(0)] string? Branch,
    [property: Id(1)] int Page = 1,
    [property: Id(2)] int PageSize = 50,
    [property: Id(3)] IReadOnlyList<NoticeKind>? Kinds = null,
    [property: Id(4)] DateTimeOffset? Since = null,
    [property: Id(5)] DateTimeOffset? Before = null,
    [property: Id(6)] string? Recipient = null,
    [property: Id(7)] bool BranchAddressed = false,
    [property: Id(8)] bool? Read = null);

[GenerateSerializer, Immutable, Alias("loan-notice-page")]
public sealed record LoanNoticePage(
    [property: Id(0)] long Total,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] IReadOnlyList<LoanNotice> Items);

/// <summary>The notices in the archive's database, next to the catalogue they are found from.</summary>
public interface ILoanNotices
{
    /// <summary>Stores the notice unless one of its kind exists for the same file and due date.</summary>
    Task AddAsync(LoanNotice notice, CancellationToken cancellationToken = default);

    /// <summary>Newest first, as the query asks (see <see cref="NoticeQuery"/>).</summary>
    Task<LoanNoticePage> ListAsync(NoticeQuery query, CancellationToken cancellationToken = default);

    /// <summary>Files with an open loan due before <paramref name="dueBefore"/> and no notice of this kind for that due date yet.</summary>
    Task<IReadOnlyList<string>> FindUnnoticedAsync(NoticeKind kind, DateTimeOffset dueBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>Files waiting for their borrower at a requesting branch since before <paramref name="since"/> (the catalogue's <c>AwaitingPickupSince</c>).</summary>
    Task<IReadOnlyList<string>> FindAwaitingPickupSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Files waiting for their borrower since before <paramref name="since"/> (but not before
    /// <paramref name="notBefore"/>: those have expired) with no <c>PickupExpiring</c> notice raised
    /// since their wait began.
    /// </summary>
    Task<IReadOnlyList<string>> FindPickupsToWarnAsync(DateTimeOffset since, DateTimeOffset notBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>The notice with this id, with its read state, or null.</summary>
    Task<LoanNotice?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the notice read (by <paramref name="by"/> at <paramref name="at"/>, unless it is read
    /// already: the first reader stays) or unread; answers whether its state changed.
    /// </summary>
    Task<bool> MarkAsync(string id, bool read, string by, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>
/// What a member of staff asks of the notice board: a branch (head office: null for all), or only
/// the notices addressed to themselves in person (<c>Mine</c>); kinds, a window of raising time and
/// the read state to keep (see <see cref="NoticeQuery"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("notice-filter")]
public sealed record NoticeFilter(
    [property: Id(0)] string? Branch = null,
    [property: Id(1)] int Page = 1,
    [property: Id(2)] int PageSize = 50,
    [property: Id(3)] IReadOnlyList<NoticeKind>? Kinds = null,
    [property: Id(4)] DateTimeOffset? Since = null,
    [property: Id(5)] DateTimeOffset? Before = null,
    [property: Id(6)] bool Mine = false,
    [property: Id(7)] bool? Read = null);

/// <summary>Lists the notices of a branch (clerks and managers: their own; head office: any or all). A stateless worker.</summary>
public interface INoticeBoardGrain : IGrainWithIntegerKey
{
    [SafeToRetry]
    Task<ArchiveResult<LoanNoticePage>> List(string? branch, int page, int pageSize, Actor actor);

    /// <summary>The notices the filter asks for, as far as <paramref name="actor"/> may see them.</summary>
    [SafeToRetry]
    Task<ArchiveResult<LoanNoticePage>> Find(NoticeFilter filter, Actor actor);

    /// <summary>
    /// Marks a notice read or unread for everyone it is addressed to: its branch's staff, or its
    /// recipient; head office may too. Audited; a notice the actor may not see is answered as unknown.
    /// </summary>
    Task<ArchiveResult<LoanNotice>> Mark(string noticeId, bool read, Actor actor);
}

/// <summary>
/// Finds loans falling due or overdue, and files left awaiting pickup too long, from the catalogue,
/// on a timer, and asks each file to raise its notices or let its pickup expire; the file decides
/// from its own state. One per cluster.
/// </summary>
public interface ILoanNoticeSweeperGrain : IGrainWithIntegerKey
{
    Task Start();

    /// <summary>One pass now; answers how many files were asked.</summary>
    Task<int> Sweep();
}
