namespace BranchArchive.Contracts.Circulation;

/// <summary>A branch's request for a file held elsewhere (or busy): one place in the file's queue.</summary>
[GenerateSerializer, Immutable, Alias("file-request")]
public sealed record FileRequest(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Borrower,
    [property: Id(2)] string PickupBranch,
    [property: Id(3)] string Purpose,
    [property: Id(4)] int Days,
    [property: Id(5)] DateTimeOffset RequestedAt,
    [property: Id(6)] string RequestedBy);

/// <summary>
/// What a request came to: a place in the queue (1 = next), or at once a loan, when the file was
/// on the shelf of the requesting branch with nobody waiting.
/// </summary>
[GenerateSerializer, Immutable, Alias("request-answer")]
public sealed record RequestAnswer(
    [property: Id(0)] FileRequest? Request,
    [property: Id(1)] int? Position,
    [property: Id(2)] Files.Loan? Loan);
