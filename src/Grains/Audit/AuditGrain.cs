using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Telemetry;
using Orleans.Concurrency;

namespace BranchArchive.Grains.Audit;

/// <summary>Reads and verifies the audit log, and records what the API denied, on any silo.</summary>
[StatelessWorker]
public sealed class AuditGrain(IAuditLog log, TimeProvider clock, AuditMetrics metrics) : Grain, IAuditGrain
{
    public Task RecordDenied(Actor actor, string action, string? branch, string detail) =>
        log.AppendAsync([AuditRecords.Of(actor, action, null, branch, Outcome.Forbidden, detail, clock)]);

    public async Task<ArchiveResult<AuditPage>> Query(AuditQuery query, Actor actor)
    {
        var errors = query.Validate();
        if (!errors.IsValid)
        {
            return ArchiveResult<AuditPage>.Invalid(errors.ToDictionary());
        }
        if (!actor.Has(Permissions.ReadAudit))
        {
            return await log.Deny<AuditPage>(clock, actor, AuditActions.ReadAudit, null, query.Branch, "You may not read the audit log.");
        }
        if (!actor.Has(Permissions.ReadAllAudit))
        {
            // Managers read their own branch's entries only.
            if (query.Branch is not null && query.Branch != actor.Branch)
            {
                return await log.Deny<AuditPage>(clock, actor, AuditActions.ReadAudit, null, query.Branch,
                    $"A manager may read only the audit entries of branch {actor.Branch}.");
            }
            query = query with { Branch = actor.Branch ?? "" };
        }
        return ArchiveResult<AuditPage>.Ok(await log.QueryAsync(query));
    }

    public async Task<ArchiveResult<AuditVerification>> Verify(Actor actor) =>
        actor.Has(Permissions.ReadAllAudit)
            ? ArchiveResult<AuditVerification>.Ok(metrics.Record(await log.VerifyAsync()))
            : await log.Deny<AuditVerification>(clock, actor, AuditActions.ReadAudit, null, actor.Branch, "Only head office and auditors verify the audit log.");
}
