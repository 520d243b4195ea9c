using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Staff;

/// <summary>
/// One member of staff as a borrower (key: staff id): whether and where they may borrow, and a
/// slot for each loan they hold, so the per-borrower limit holds however many files are lent to
/// them at once. The file grains are the source of truth for loans: a slot is reserved before the
/// file stores its loan and released after its return; a slot the file does not confirm (a crash
/// came between the two) is dropped when the borrower grain checks with the file.
/// </summary>
public interface IBorrowerGrain : IGrainWithStringKey
{
    /// <summary>From the branch's staff list: the member is listed (or updated), or taken off it (null).</summary>
    Task List(StaffMember? member);

    /// <summary>
    /// May <paramref name="actor"/> lend to this borrower at <paramref name="slot"/>'s branch, within
    /// their limit? On success the slot is held (answer true) until <see cref="Release"/>; answer
    /// false: a free-text borrower the archive does not count (only where unlisted borrowers are allowed).
    /// Invalid (400, field <c>borrower</c>) for someone not on that branch's staff list; 409 at the limit.
    /// </summary>
    Task<ArchiveResult<bool>> Reserve(LoanSlot slot, Actor actor);

    /// <summary>The same questions without reserving, for a request that will become a loan at pickup.</summary>
    Task<ArchiveResult<bool>> Admit(string branch, Actor actor);

    /// <summary>The loan is over (returned) or never came to be (its file's write failed). Idempotent.</summary>
    Task Release(string loanId);

    /// <summary>The borrower's open loans, as the files hold them now, narrowed to what <paramref name="actor"/> may see.</summary>
    Task<ArchiveResult<BorrowerLoans>> Loans(Actor actor);
}

/// <summary>A loan being made to a borrower: held by the borrower grain from before the file stores it.</summary>
[GenerateSerializer, Immutable, Alias("loan-slot")]
public sealed record LoanSlot(
    [property: Id(0)] string LoanId,
    [property: Id(1)] string FileId,
    [property: Id(2)] long FileNumber,
    [property: Id(3)] string Branch,
    [property: Id(4)] DateTimeOffset ReservedAt);

/// <summary>A borrower's open loans. Body of <c>GET /api/loans/mine</c> and <c>GET /api/borrowers/{staffId}/loans</c>.</summary>
[GenerateSerializer, Immutable, Alias("borrower-loans")]
public sealed record BorrowerLoans(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string? Name,
    [property: Id(2)] string? Branch,
    [property: Id(3)] int? Limit,
    [property: Id(4)] IReadOnlyList<Loan> Loans);
