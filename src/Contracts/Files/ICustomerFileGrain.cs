using BranchArchive.Contracts;
using BranchArchive.Contracts.Access;
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

    /// <summary>The file's most recent loans, newest first.</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<LoanRecord>>> GetLoanHistory(Actor actor);
}
