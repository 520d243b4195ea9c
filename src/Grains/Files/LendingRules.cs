using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Files;

/// <summary>The borrow-register rules for one file, apart from who may act (see <c>Actor</c>).</summary>
internal static class LendingRules
{
    public const string CheckoutOperation = "checkout";
    public const string ReturnOperation = "return";

    /// <summary>Why the file can't be lent now, or null when it can.</summary>
    public static string? RefuseCheckout(CustomerFileState file, NeverLentOptions neverLent)
    {
        if (file.OpenLoan is { } loan)
        {
            return $"File {file.FileNumber} is already checked out to {loan.Borrower} of branch {loan.Branch} until {loan.DueAt:yyyy-MM-dd}.";
        }
        if (file.Status != FileStatus.OnShelf)
        {
            return $"File {file.FileNumber} is {file.Status}, not on the shelf.";
        }
        if (file.Requests.Count > 0)
        {
            return $"{file.Requests.Count} request(s) wait for file {file.FileNumber}, first from branch {file.Requests[0].PickupBranch}; request it to join the queue.";
        }
        return NeverLentRule.Refusal(file, neverLent);
    }

    /// <summary>
    /// Why this actor may not lend the file at <paramref name="lendingBranch"/> for its sensitivity
    /// (a 403), or null. Restricted: only a manager (or head office) lends it, and is recorded as
    /// the approver. Confidential: lent only to staff of its own branch.
    /// </summary>
    public static string? RefuseForSensitivity(CustomerFileState file, Actor actor, string lendingBranch)
    {
        if (file.Sensitivity == Sensitivity.Confidential && lendingBranch != file.Branch)
        {
            return $"File {file.FileNumber} is Confidential: it is lent only to staff of branch {file.Branch}.";
        }
        if (file.Sensitivity == Sensitivity.Restricted && !actor.Has(Permissions.ApproveLending))
        {
            return $"File {file.FileNumber} is Restricted: lending it needs a manager's approval; a manager of branch {lendingBranch} lends it.";
        }
        return null;
    }

    /// <summary>Who approved a loan of a Restricted file (the manager lending it), recorded on the loan.</summary>
    public static string? ApproverFor(CustomerFileState file, Actor actor) =>
        file.Sensitivity == Sensitivity.Restricted ? actor.Subject : null;

    public static string DescribeNoSuchLoan(CustomerFileState file, string loanId) =>
        file.OpenLoan is { } open
            ? $"Loan {loanId} is not the open loan of file {file.FileNumber}; the open loan is {open.LoanId}."
            : $"File {file.FileNumber} has no open loan; it is {file.Status}.";

    /// <summary>
    /// Why a return dated <paramref name="returnedAt"/> can't be recorded (a 400 on <c>returnedAt</c>), or null:
    /// a file comes back after it was lent, and not later than now.
    /// </summary>
    public static string? RefuseReturnDate(Loan loan, DateTimeOffset returnedAt, DateTimeOffset now)
    {
        if (returnedAt > now)
        {
            return $"must not be in the future: {returnedAt.UtcDateTime:yyyy-MM-dd HH:mm} is after now, {now.UtcDateTime:yyyy-MM-dd HH:mm} (UTC).";
        }
        return returnedAt < loan.CheckedOutAt
            ? $"must not be before the checkout of loan {loan.LoanId}, {loan.CheckedOutAt.UtcDateTime:yyyy-MM-dd HH:mm} (UTC)."
            : null;
    }

    /// <summary>Days (started) the file came back after its due date; 0 when on time.</summary>
    public static int DaysOverdue(Loan loan, DateTimeOffset returnedAt) =>
        returnedAt <= loan.DueAt ? 0 : (int)Math.Ceiling((returnedAt - loan.DueAt).TotalDays);

    /// <summary>A damaged or incomplete file stays out of circulation until repaired.</summary>
    public static FileStatus StatusAfterReturn(ReturnCondition condition) =>
        condition == ReturnCondition.Intact ? FileStatus.OnShelf : FileStatus.Damaged;
}
