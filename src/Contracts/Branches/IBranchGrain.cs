using BranchArchive.Contracts;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Branches;

/// <summary>A branch office, keyed by its code. Owns the list of its cabinets.</summary>
public interface IBranchGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens the branch; a code already in use is a conflict, except for a repeat of the same
    /// request with the same Idempotency-Key, which answers the first outcome again.
    /// </summary>
    Task<ArchiveResult<Branch>> Open(CreateBranchCommand command, Actor actor, string? idempotencyKey);

    /// <summary>The branch, or not found. Used by listings; performs no access check.</summary>
    [SafeToRetry]
    Task<Branch?> Describe();

    [SafeToRetry]
    Task<ArchiveResult<Branch>> Get(Actor actor);

    /// <summary>
    /// Sets up a cabinet in this branch; a code already used in the branch is a conflict, except
    /// for a repeat with the same Idempotency-Key.
    /// </summary>
    Task<ArchiveResult<Cabinet>> AddCabinet(CreateCabinetCommand command, Actor actor, string? idempotencyKey);
}
