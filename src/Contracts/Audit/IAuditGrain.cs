using BranchArchive.Contracts;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Audit;

/// <summary>
/// The audit log as seen from outside the silos (the API may run as a separate client without
/// database access). A stateless worker: any silo answers.
/// </summary>
public interface IAuditGrain : IGrainWithIntegerKey
{
    /// <summary>Records an attempt the API itself denied (a role the endpoint does not allow).</summary>
    Task RecordDenied(Actor actor, string action, string? branch, string detail);

    [SafeToRetry]
    Task<ArchiveResult<AuditPage>> Query(AuditQuery query, Actor actor);

    [SafeToRetry]
    Task<ArchiveResult<AuditVerification>> Verify(Actor actor);
}
