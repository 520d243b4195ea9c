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
/// </summary>
public enum NoticeKind { DueSoon, Overdue, InspectionDue, InspectionOverdue, DeclaredMissing, Found, RequestCancelled, TransitCancelled, PickupExpired }

/// <summary>
/// A notice to a branch: a loan falls due soon or is overdue, a cabinet's inspection comes due, or
/// something happened to a file the branch waits for or handles (see <see cref="NoticeKind"/>).
/// <c>RequestId</c> names the request a <c>RequestCancelled</c> or <c>PickupExpired</c> notice is about.
/// <c>Id</c> is the notice's stable id, filled when it is read back from the database: the same
/// event always has the same id (a hash of its key), so a receiver can deduplicate by it.
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
    [property: Id(10)] string? Id = null);

/// <summary>
/// Which notices to list: a branch (null: every branch), kinds (null or empty: all), and a window
/// of <c>At</c> (raised at or after <c>Since</c>, before <c>Before</c>), newest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("notice-query")]
public sealed record NoticeQuery(
    [property: Id(0)] string? Branch,
    [property: Id(1)] int Page = 1,
    [property: Id(2)] int PageSize = 50,
    [property: Id(3)] IReadOnlyList<NoticeKind>? Kinds = null,
    [property: Id(4)] DateTimeOffset? Since = null,
    [property: Id(5)] DateTimeOffset? Before = null);

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
}

/// <summary>Lists the notices of a branch (clerks and managers: their own; head office: any or all). A stateless worker.</summary>
public interface INoticeBoardGrain : IGrainWithIntegerKey
{
    [SafeToRetry]
    Task<ArchiveResult<LoanNoticePage>> List(string? branch, int page, int pageSize, Actor actor);
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
