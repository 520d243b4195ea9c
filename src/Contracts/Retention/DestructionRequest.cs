namespace BranchArchive.Contracts.Retention;

/// <summary>
/// A file proposed for destruction. It may be destroyed once a manager of its branch and an
/// archivist — two different people — have approved it.
/// </summary>
[GenerateSerializer, Immutable, Alias("destruction-request")]
public sealed record DestructionRequest(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string RequestedBy,
    [property: Id(2)] DateTimeOffset RequestedAt,
    [property: Id(3)] string Reason,
    [property: Id(4)] IReadOnlyList<DestructionApproval> Approvals);

/// <summary>One approval of a destruction request, in the role the approver gave it in.</summary>
[GenerateSerializer, Immutable, Alias("destruction-approval")]
public sealed record DestructionApproval(
    [property: Id(0)] string By,
    [property: Id(1)] DestructionApprover Role,
    [property: Id(2)] DateTimeOffset At);

/// <summary>The two approvals a destruction needs: management of the branch, and the archive.</summary>
public enum DestructionApprover { Manager, Archivist }

/// <summary>What is left of a destroyed file: who asked, who approved, who witnessed, when.</summary>
[GenerateSerializer, Immutable, Alias("destruction-record")]
public sealed record DestructionRecord(
    [property: Id(0)] DestructionRequest Request,
    [property: Id(1)] DateTimeOffset DestroyedAt,
    [property: Id(2)] string DestroyedBy,
    [property: Id(3)] IReadOnlyList<string> Witnesses,
    [property: Id(4)] string? Method);
