using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Telemetry;
using Orleans.Concurrency;

namespace BranchArchive.Grains.AccessLog;

/// <summary>
/// Answers "who has seen this file" and "what has this person viewed" by the rules: auditors and
/// head office see every record; a manager only the records of the own branch's files (a filter
/// the manager cannot lift, so other branches' records show in neither items nor totals); clerks
/// nothing (refused, audited). Verifies the log's chains against the audit checkpoints. Any silo.
/// </summary>
[StatelessWorker]
public sealed class AccessLogGrain(IAccessLog accessLog, IAuditLog audit, AccessRecorder recorder, CheckpointKeys keys,
    TimeProvider clock, AuditMetrics metrics) : Grain, IAccessLogGrain
{
    public async Task<ArchiveResult<AccessPage>> Query(AccessLogQuery query, Actor actor)
    {
        var errors = query.Validate();
        if (!errors.IsValid)
        {
            return ArchiveResult<AccessPage>.Invalid(errors.ToDictionary());
        }
        if (!actor.Has(Permissions.ReadAccessLog))
        {
            return await audit.Deny<AccessPage>(clock, actor, AuditActions.ReadAccessLog, query.FileId, actor.Branch,
                "You may not read the access log.");
        }
        // A manager's query is always limited to the own branch's files, whatever was asked.
        query = query with { FileBranch = actor.Has(Permissions.ReadAllAudit) ? null : actor.Branch ?? "" };
        return ArchiveResult<AccessPage>.Ok(await accessLog.QueryAsync(query));
    }

    public async Task<ArchiveResult<AuditVerification>> Verify(Actor actor)
    {
        if (!actor.Has(Permissions.ReadAllAudit))
        {
            return await audit.Deny<AuditVerification>(clock, actor, AuditActions.ReadAccessLog, null, actor.Branch,
                "Only head office and auditors verify the access log.");
        }
        var seals = CheckpointSeals.Check(await audit.CheckpointsAsync(latestOnly: false), keys);
        var anchors = seals.Valid.SelectMany(checkpoint => checkpoint.Heads).ToList();
        var chains = await ChainChecks.RunAsync(accessLog.Chains, chain => accessLog.VerifyAsync(chain, null, anchors));
        var problems = chains.Problems.ToList();
        problems.AddRange(await UnauditedStartsAsync());
        problems.AddRange(seals.Problems);
        return ArchiveResult<AuditVerification>.Ok(metrics.Record(new AuditVerification(problems.Count == 0, chains.EntriesChecked, chains.FirstBrokenSeq,
            problems.Count == 0 ? null : string.Join(" ", problems), chains.Heads, seals.Valid.LastOrDefault())));
    }

    /// <summary>
    /// A chain starts where a purge left it only if the purge's audit entry says so: otherwise old
    /// records were deleted and the start moved to hide it (checkpoint heads below a start are
    /// not checked, as a purge removes them by design).
    /// </summary>
    private async Task<IEnumerable<string>> UnauditedStartsAsync()
    {
        var starts = await accessLog.StartsAsync();
        if (starts.Count == 0)
        {
            return [];
        }
        var audited = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var purges = await audit.QueryAsync(new AuditQuery(null, null, null, null, null, page, AuditQuery.MaxPageSize, AuditActions.PurgeAccessLog));
            audited.UnionWith(purges.Items.Select(entry => entry.Detail ?? ""));
            if ((long)page * AuditQuery.MaxPageSize >= purges.Total)
            {
                break;
            }
        }
        return starts.Where(start => !audited.Any(detail => detail.Contains(AccessLogKeeperGrain.Describe(start), StringComparison.Ordinal)))
            .Select(start => $"Chain {start.Chain} starts at entry {start.Seq}, but no purge in the audit log left it there: " +
                $"entries before {start.Seq} were deleted outside a purge.");
    }

    public Task RecordExport(string kind, string query, long rows, string? branch, Actor actor) =>
        recorder.RecordAsync(actor, kind, null, null, branch, query, rows);
}
