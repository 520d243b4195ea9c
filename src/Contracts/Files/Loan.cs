using System.Text.Json.Serialization;

namespace BranchArchive.Contracts.Files;

/// <summary>An open loan: the borrow lock on a file.</summary>
[GenerateSerializer, Immutable, Alias("loan")]
public sealed record Loan(
    [property: Id(0)] string LoanId,
    [property: Id(1)] string FileId,
    [property: Id(2)] string Borrower,
    [property: Id(3)] string Branch,
    [property: Id(4)] string Purpose,
    [property: Id(5)] DateTimeOffset CheckedOutAt,
    [property: Id(6)] DateTimeOffset DueAt,
    [property: Id(7)] string CheckedOutBy,
    [property: Id(8)] int Renewals = 0,
    [property: Id(9)] string? ApprovedBy = null,
    [property: Id(10), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RenewalsLeft = null)
{
    /// <summary>
    /// The loan as shown to staff: with how many more renewals it may have under the current limit.
    /// Stored loans leave it out (the limit is configuration, and may change while a loan is open).
    /// </summary>
    public Loan Shown(int maxRenewals) => this with { RenewalsLeft = Math.Max(0, maxRenewals - Renewals) };
}
