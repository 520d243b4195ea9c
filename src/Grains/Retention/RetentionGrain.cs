using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Retention;
using BranchArchive.Contracts.Validation;
using BranchArchive.Grains.Audit;
using Orleans.Concurrency;

namespace BranchArchive.Grains.Retention;

[StatelessWorker]
public sealed class RetentionGrain(ICatalogue catalogue, IAuditLog audit, TimeProvider clock) : Grain, IRetentionGrain
{
    public async Task<ArchiveResult<IReadOnlyList<RetentionDue>>> DueForDestruction(string? branch, int limit, Actor actor)
    {
        var errors = new ValidationErrors();
        if (branch is not null)
        {
            errors.Pattern("branch", branch, Codes.Branch(), Codes.BranchDescription);
        }
        errors.Range("limit", limit, 1, IRetentionGrain.MaxLimit);
        if (!errors.IsValid)
        {
            return ArchiveResult<IReadOnlyList<RetentionDue>>.Invalid(errors.ToDictionary());
        }
        var everyBranch = actor.Has(Permissions.ReadAllBranches);
        if (!actor.Has(Permissions.ReadRetention) || (!everyBranch && branch is not null && branch != actor.Branch))
        {
            return await audit.Deny<IReadOnlyList<RetentionDue>>(clock, actor, AuditActions.ReadRetention, null, branch,
                $"You may see the files due for destruction of branch {actor.Branch} only.");
        }
        var scope = everyBranch ? branch : actor.Branch ?? "";
        return ArchiveResult<IReadOnlyList<RetentionDue>>.Ok(await catalogue.DueForDestructionAsync(scope, clock.GetUtcNow(), limit));
    }
}
