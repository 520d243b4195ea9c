using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using Orleans.Concurrency;

namespace BranchArchive.Grains.Inventory;

/// <summary>Answers head office from the catalogue, with one query each; any silo serves.</summary>
[StatelessWorker]
public sealed class InventoryGrain(ICatalogue catalogue, IAuditLog audit, TimeProvider clock) : Grain, IInventoryGrain
{
    private const string Action = "inventory.read";

    public async Task<ArchiveResult<InventorySummary>> Summary(Actor actor)
    {
        if (!actor.Has(Permissions.Read))
        {
            return await audit.Deny<InventorySummary>(clock, actor, Action, null, actor.Branch, "You may not read the inventory.");
        }
        var scope = actor.Has(Permissions.ReadAllBranches) ? null : actor.Branch ?? "";
        return ArchiveResult<InventorySummary>.Ok(await catalogue.SummaryAsync(scope, clock.GetUtcNow()));
    }

    public async Task<ArchiveResult<InventoryPage>> Search(InventoryQuery query, Actor actor)
    {
        var (scoped, refusal) = await Scope<InventoryPage>(query, actor);
        if (scoped is null)
        {
            return refusal!;
        }
        var page = await catalogue.SearchAsync(scoped, clock.GetUtcNow());
        return ArchiveResult<InventoryPage>.Ok(page with { Items = page.Items.Select(item => Disclosed(item, actor)).ToList() });
    }

    public async Task<ArchiveResult<InventorySlice>> Export(InventoryQuery query, long afterFileNumber, Actor actor)
    {
        var (scoped, refusal) = await Scope<InventorySlice>(query, actor);
        if (scoped is null)
        {
            return refusal!;
        }
        // One more than asked tells whether another slice follows, without counting.
        var items = await catalogue.ListAfterAsync(scoped, afterFileNumber, scoped.PageSize + 1, clock.GetUtcNow());
        return ArchiveResult<InventorySlice>.Ok(new InventorySlice(
            items.Take(scoped.PageSize).Select(item => Disclosed(item, actor)).ToList(), items.Count > scoped.PageSize));
    }

    /// <summary>The query as this actor may run it (clerks and managers held to their branch, Restricted names hidden from whoever is not shown them), or why not.</summary>
    private async Task<(InventoryQuery? Query, ArchiveResult<T>? Refusal)> Scope<T>(InventoryQuery query, Actor actor)
    {
        var errors = query.Validate();
        if (!errors.IsValid)
        {
            return (null, ArchiveResult<T>.Invalid(errors.ToDictionary()));
        }
        if (!actor.Has(Permissions.Read) || (query.Branch is not null && !actor.CanSee(query.Branch)))
        {
            return (null, await audit.Deny<T>(clock, actor, Action, null, query.Branch,
                $"You may see the inventory of branch {actor.Branch} only."));
        }
        var scoped = actor.Has(Permissions.ReadAllBranches) ? query : query with { Branch = actor.Branch ?? "" };
        // Set here whatever came in: Restricted names the actor is not shown match no name search.
        return (scoped with { NamesOfRestrictedHidden = !Disclosure.ShowsCustomer(actor, scoped.Branch ?? "", Sensitivity.Restricted) }, null);
    }

    /// <summary>A Restricted file's customer is not named to those who may not see it (see <see cref="Disclosure"/>).</summary>
    private static InventoryItem Disclosed(InventoryItem item, Actor actor) =>
        Disclosure.CustomerFor(actor, item.Branch, item.Sensitivity, new Customer(item.CustomerName, item.CustomerType, null, null, null)) is { Name: null }
            ? item with { CustomerName = null }
            : item;
}
