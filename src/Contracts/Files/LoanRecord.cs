namespace BranchArchive.Contracts.Files;

/// <summary>
/// A line of a file's borrow register: the loan and how it ended. <c>ReturnedAt</c> is when the
/// file came back; <c>RecordedAt</c> when the return was entered, set only when later (a return
/// caught up from a paper register); <c>DaysOverdue</c> how many days (started) after its due date
/// it came back, 0 when on time, null while open.
/// </summary>
[GenerateSerializer, Immutable, Alias("loan-record")]
public sealed record LoanRecord(
    [property: Id(0)] Loan Loan,
    [property: Id(1)] DateTimeOffset? ReturnedAt,
    [property: Id(2)] string? ReturnedBy,
    [property: Id(3)] ReturnCondition? Condition,
    [property: Id(4)] string? Notes,
    [property: Id(5)] DateTimeOffset? RecordedAt = null,
    [property: Id(6)] int? DaysOverdue = null);
