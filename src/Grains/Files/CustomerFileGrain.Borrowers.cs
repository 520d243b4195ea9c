using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Staff;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Loans name a member of staff the archive knows, and each borrower holds at most their limit of
/// open loans. The borrower grain reserves a slot before the file stores a loan and releases it
/// after the return (or when the file's write failed); it checks doubtful slots back here with
/// <see cref="OpenLoanOf"/>, so the file stays the source of truth.
/// </summary>
public sealed partial class CustomerFileGrain
{
    public Task<Loan?> OpenLoanOf(string loanId) =>
        Task.FromResult(_file.Exists && File.OpenLoan is { } open && open.LoanId == loanId ? open.Shown(_circulation.MaxRenewals) : null);

    private IBorrowerGrain Borrower(string borrower) => GrainFactory.GetGrain<IBorrowerGrain>(borrower);

    /// <summary>Reserves the borrower's slot for a loan about to be stored; a refusal (unknown borrower, at the limit) changes nothing.</summary>
    private async Task<ArchiveResult<bool>> ReserveSlotAsync(string borrower, string loanId, string branch, Actor actor) =>
        await Borrower(borrower).Reserve(new LoanSlot(loanId, Id, File.FileNumber, branch, _clock.GetUtcNow()), actor);

    /// <summary>
    /// Stores a new loan whose slot is reserved. If the write fails the slot is given back at once
    /// (and if that fails too, the borrower grain drops it when it finds the file does not hold the loan).
    /// </summary>
    private async Task SaveLoanAsync(Loan loan, bool counted, Func<Task> save)
    {
        try
        {
            await save();
        }
        catch when (counted)
        {
            await ReleaseSlotAsync(loan);
            throw;
        }
    }

    /// <summary>Gives the borrower's slot back after the loan ended; a failure here is repaired by the borrower grain's check.</summary>
    private async Task ReleaseSlotAsync(Loan loan)
    {
        try
        {
            await Borrower(loan.Borrower).Release(loan.LoanId);
        }
        catch (Exception exception)
        {
            LogSlotNotReleased(exception, Id, loan.LoanId, loan.Borrower);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {FileId}: the slot of loan {LoanId} could not be given back to {Borrower}; their grain drops it when it next checks")]
    private partial void LogSlotNotReleased(Exception exception, string fileId, string loanId, string borrower);
}
