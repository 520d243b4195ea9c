using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Results;
using Microsoft.Extensions.Options;
using BranchArchive.Grains.Telemetry;
using Orleans.Concurrency;

namespace BranchArchive.Grains.Audit;

/// <summary>Reads and verifies the audit log, and records what the API denied, on any silo.</summary>
[StatelessWorker]
public sealed class AuditGrain(IAuditLog log, CheckpointKeys keys, IOptions<AuditCheckpointOptions> checkpoints, TimeProvider clock, AuditMetrics metrics)
    : Grain, IAuditGrain
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

    public async Task<ArchiveResult<AuditVerification>> Verify(Actor actor)
    {
        if (!actor.Has(Permissions.ReadAllAudit))
        {
            return await log.Deny<AuditVerification>(clock, actor, AuditActions.ReadAudit, null, actor.Branch, "Only head office and auditors verify the audit log.");
        }
        // Every checkpoint whose signature holds vouches for its heads: each chain must still reach them with those hashes.
        var seals = CheckpointSeals.Check(await log.CheckpointsAsync(latestOnly: false), keys);
        var anchors = seals.Valid.SelectMany(checkpoint => checkpoint.Heads).ToList();
        var chains = await ChainChecks.RunAsync(log.Chains, chain => log.VerifyAsync(chain, null, anchors));
        var outside = await log.EntriesOutsideChainsAsync();
        var latest = seals.Valid.LastOrDefault();
        string?[] problems =
        [
            .. chains.Problems,
            outside == 0 ? null : $"{outside} entries belong to no chain of the log, so no chain vouches for them: they were written outside the archive.",
            .. seals.Problems, Staleness(latest, chains.Heads),
        ];
        var found = problems.OfType<string>().ToList();
        return ArchiveResult<AuditVerification>.Ok(metrics.Record(new AuditVerification(found.Count == 0, chains.EntriesChecked, chains.FirstBrokenSeq,
            found.Count == 0 ? null : string.Join(" ", found), chains.Heads, latest)));
    }

    /// <summary>
    /// Checkpoints are written every period, so the latest valid one is recent. If it is not, newer
    /// ones were deleted (with the entries they covered, perhaps) or writing them fails.
    /// </summary>
    private string? Staleness(AuditCheckpoint? latest, IReadOnlyList<AuditHead> heads)
    {
        var allowed = checkpoints.Value.AllowedAge;
        if (latest is null)
        {
            return heads.All(head => head.Seq == 0) ? null
                : "No valid signed checkpoint vouches for the log: they were deleted, or none could be written (see the archive.audit.checkpoints metric).";
        }
        var age = clock.GetUtcNow() - latest.At;
        return age <= allowed ? null
            : $"The latest valid checkpoint ({latest.Number}, at {latest.At:u}) is {age.TotalHours:0.#} hours old, more than the {allowed.TotalHours:0.#} " +
              "allowed: newer checkpoints were deleted (and perhaps the entries they covered), or writing them fails (see the archive.audit.checkpoints metric).";
    }
}
