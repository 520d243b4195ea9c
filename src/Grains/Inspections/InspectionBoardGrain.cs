using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using Orleans.Concurrency;

namespace BranchArchive.Grains.Inspections;

/// <summary>
/// Gathers inspection lists from the cabinets of a branch (or of every branch, for head office):
/// each cabinet's inspection grain knows its own schedule and reports. A branch has tens of
/// cabinets, so asking each is cheap; the calls run in parallel per branch.
/// </summary>
[StatelessWorker]
public sealed class InspectionBoardGrain(IAuditLog audit, TimeProvider clock) : Grain, IInspectionBoardGrain
{
    public async Task<ArchiveResult<IReadOnlyList<InspectionSchedule>>> ListDue(string? branch, Actor actor)
    {
        if (!actor.Has(Permissions.Read) || (branch is not null && !actor.CanSee(branch)))
        {
            return await audit.Deny<IReadOnlyList<InspectionSchedule>>(clock, actor, AuditActions.ReadInspections, null, branch,
                $"You may see the inspections of branch {actor.Branch} only.");
        }
        IReadOnlyList<string> branches = branch is not null ? [branch]
            : actor.Has(Permissions.ReadAllBranches) ? await GrainFactory.GetGrain<IBranchDirectoryGrain>(0).Codes()
            : [actor.Branch ?? ""];
        var due = new List<InspectionSchedule>();
        foreach (var code in branches)
        {
            var schedules = await Task.WhenAll((await CabinetsOf(code)).Select(cabinet =>
                GrainFactory.GetGrain<ICabinetInspectionGrain>(CabinetKeys.Of(code, cabinet)).EnsureScheduled()));
            due.AddRange(schedules.OfType<InspectionSchedule>().Where(s => s.State != InspectionDueState.NotDue));
        }
        return ArchiveResult<IReadOnlyList<InspectionSchedule>>.Ok(due.OrderBy(s => s.DueBy).ThenBy(s => s.Branch).ThenBy(s => s.Cabinet).ToList());
    }

    public async Task<ArchiveResult<IReadOnlyList<InspectionSummary>>> ListForBranch(string branch, Actor actor)
    {
        if (!actor.Has(Permissions.Read) || !actor.CanSee(branch))
        {
            return await audit.Deny<IReadOnlyList<InspectionSummary>>(clock, actor, AuditActions.ReadInspections, null, branch,
                $"You may see the inspections of branch {actor.Branch} only.");
        }
        if (await GrainFactory.GetGrain<IBranchGrain>(branch).Describe() is not { } described)
        {
            return ArchiveResult<IReadOnlyList<InspectionSummary>>.NotFound($"No branch has code {branch}.");
        }
        var lists = await Task.WhenAll(described.Cabinets.Select(cabinet =>
            GrainFactory.GetGrain<ICabinetInspectionGrain>(CabinetKeys.Of(branch, cabinet)).Summaries()));
        return ArchiveResult<IReadOnlyList<InspectionSummary>>.Ok(lists.SelectMany(l => l).OrderByDescending(s => s.StartedAt).ToList());
    }

    private async Task<IReadOnlyList<string>> CabinetsOf(string branch) =>
        await GrainFactory.GetGrain<IBranchGrain>(branch).Describe() is { } described ? described.Cabinets : [];
}
