using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using Orleans.Concurrency;

namespace BranchArchive.Grains.Circulation;

/// <summary>Lists loan notices from the database; clerks and managers see their branch's only.</summary>
[StatelessWorker]
public sealed class NoticeBoardGrain(ILoanNotices notices, IAuditLog audit, TimeProvider clock) : Grain, INoticeBoardGrain
{
    public const int MaxPageSize = 500;

    public async Task<ArchiveResult<LoanNoticePage>> List(string? branch, int page, int pageSize, Actor actor)
    {
        if (page < 1 || pageSize < 1 || pageSize > MaxPageSize)
        {
            return ArchiveResult<LoanNoticePage>.Invalid(new Dictionary<string, string[]>
            {
                [page < 1 ? "page" : "pageSize"] = [page < 1 ? "must be at least 1." : $"must be between 1 and {MaxPageSize}."],
            });
        }
        if (!actor.Has(Permissions.Read) || (branch is not null && !actor.CanSee(branch)))
        {
            return await audit.Deny<LoanNoticePage>(clock, actor, AuditActions.ReadNotices, null, branch,
                $"You may see the notices of branch {actor.Branch} only.");
        }
        var scope = actor.Has(Permissions.ReadAllBranches) ? branch : actor.Branch ?? "";
        return ArchiveResult<LoanNoticePage>.Ok(await notices.ListAsync(new NoticeQuery(scope, page, pageSize)));
    }
}
