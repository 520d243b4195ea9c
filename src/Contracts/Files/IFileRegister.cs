using BranchArchive.Contracts.Circulation;

namespace BranchArchive.Contracts.Files;

/// <summary>
/// Every file's borrow register and chain of custody, kept whole in the archive's database beside
/// the file's state (which holds only entries not yet moved here). Entries arrive with the state
/// change that made them (see <see cref="Storage.SideWrites"/>).
/// </summary>
public interface IFileRegister
{
    /// <summary>The file's newest <paramref name="limit"/> loans, oldest first.</summary>
    Task<IReadOnlyList<LoanRecord>> LoansAsync(string fileId, int limit, CancellationToken cancellationToken = default);

    /// <summary>One loan of the file, or null.</summary>
    Task<LoanRecord?> LoanAsync(string fileId, string loanId, CancellationToken cancellationToken = default);

    /// <summary>The file's newest <paramref name="limit"/> custody events, oldest first.</summary>
    Task<IReadOnlyList<CustodyEvent>> CustodyAsync(string fileId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The file's newest <paramref name="limit"/> loans that <paramref name="include"/> keeps, oldest
    /// first: older loans are looked at until that many are found (a part of a register, such as a
    /// branch's own entries, is not cut short by the entries of others).
    /// </summary>
    Task<IReadOnlyList<LoanRecord>> LoansAsync(string fileId, int limit, Func<LoanRecord, bool> include, CancellationToken cancellationToken = default);

    /// <summary>The file's newest <paramref name="limit"/> custody events that <paramref name="include"/> keeps, oldest first (as the loans above).</summary>
    Task<IReadOnlyList<CustodyEvent>> CustodyAsync(string fileId, int limit, Func<CustodyEvent, bool> include, CancellationToken cancellationToken = default);
}
