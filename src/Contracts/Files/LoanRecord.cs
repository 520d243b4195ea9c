namespace BranchArchive.Contracts.Files;

/// <summary>A line of a file's borrow register: the loan and how it ended.</summary>
[GenerateSerializer, Immutable, Alias("loan-record")]
public sealed record LoanRecord(
    [property: Id(0)] Loan Loan,
    [property: Id(1)] DateTimeOffset? ReturnedAt,
    [property: Id(2)] string? ReturnedBy,
    [property: Id(3)] ReturnCondition? Condition,
    [property: Id(4)] string? Notes);
