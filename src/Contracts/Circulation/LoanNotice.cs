using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Circulation;

/// <summary>
/// <c>InspectionDue</c> / <c>InspectionOverdue</c>: a cabinet's inspection is due or overdue; such a
/// notice names the <c>Cabinet</c> and has no file, loan or borrower.
/// </summary>
public enum NoticeKind { DueSoon, Overdue, InspectionDue, InspectionOverdue }

/// <summary>A notice to the borrower's branch: the loan falls due soon, or is overdue.</summary>
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
    [property: Id(8)] string? Cabinet = null);

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

    /// <summary>Newest first; every branch when <paramref name="branch"/> is null.</summary>
    Task<LoanNoticePage> ListAsync(string? branch, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Files with an open loan due before <paramref name="dueBefore"/> and no notice of this kind for that due date yet.</summary>
    Task<IReadOnlyList<string>> FindUnnoticedAsync(NoticeKind kind, DateTimeOffset dueBefore, int limit, CancellationToken cancellationToken = default);
}

/// <summary>Lists the notices of a branch (clerks and managers: their own; head office: any or all). A stateless worker.</summary>
public interface INoticeBoardGrain : IGrainWithIntegerKey
{
    [SafeToRetry]
    Task<ArchiveResult<LoanNoticePage>> List(string? branch, int page, int pageSize, Actor actor);
}

/// <summary>
/// Finds loans falling due or overdue from the catalogue, on a timer, and asks each file to raise
/// its notices; the file decides from its own state. One per cluster.
/// </summary>
public interface ILoanNoticeSweeperGrain : IGrainWithIntegerKey
{
    Task Start();

    /// <summary>One pass now; answers how many files were asked.</summary>
    Task<int> Sweep();
}
