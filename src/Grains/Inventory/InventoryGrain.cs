using System.Text.Json;
using System.Text.Json.Serialization;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.AccessLog;
using BranchArchive.Grains.Audit;
using Orleans.Concurrency;

namespace BranchArchive.Grains.Inventory;

/// <summary>Answers head office from the catalogue, with one query each; any silo serves.</summary>
[StatelessWorker]
public sealed class InventoryGrain(ICatalogue catalogue, IAuditLog audit, AccessRecorder reads, TimeProvider clock) : Grain, IInventoryGrain
{
    private static readonly JsonSerializerOptions QueryText = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

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
        if (afterFileNumber == 0)
        {
            // One access record per export, before its first line leaves: the query as run (scoped
            // to what the actor may see) and how many files it matched.
            var matched = await catalogue.SearchAsync(scoped with { Page = 1, PageSize = 1 }, clock.GetUtcNow());
            await reads.RecordAsync(actor, AccessKinds.InventoryExport, null, null, scoped.Branch ?? scoped.Location ?? scoped.Destination,
                JsonSerializer.Serialize(scoped, QueryText), matched.Total);
        }
        // One more than asked tells whether another slice follows, without counting.
        var items = await catalogue.ListAfterAsync(scoped, afterFileNumber, scoped.PageSize + 1, clock.GetUtcNow());
        return ArchiveResult<InventorySlice>.Ok(new InventorySlice(
            items.Take(scoped.PageSize).Select(item => Disclosed(item, actor)).ToList(), items.Count > scoped.PageSize));
    }

    /// <summary>
    /// The query as this actor may run it, or why not. Head office runs any. Branch staff name only
    /// their own branch as home, holding branch or destination, and see by default their own files
    /// (the contract's <c>branch</c>): the files in their hands, whatever their home, by <c>location</c>;
    /// those on the road to them by <c>destination</c>, in transit only (a file merely requested by
    /// the branch is not shown to it in a list, as <see cref="ICustomerFileGrain"/> shows it only its number).
    /// Restricted names the actor is not shown match no name search.
    /// </summary>
    private async Task<(InventoryQuery? Query, ArchiveResult<T>? Refusal)> Scope<T>(InventoryQuery query, Actor actor)
    {
        var errors = query.Validate();
        if (!errors.IsValid)
        {
            return (null, ArchiveResult<T>.Invalid(errors.ToDictionary()));
        }
        var named = new[] { query.Branch, query.Location, query.Destination }.OfType<string>().ToList();
        if (!actor.Has(Permissions.Read) || named.Any(branch => !actor.CanSee(branch)))
        {
            return (null, await audit.Deny<T>(clock, actor, Action, null, named.FirstOrDefault(branch => !actor.CanSee(branch)) ?? query.Branch,
                $"You may see the inventory of branch {actor.Branch} only."));
        }
        var scoped = query;
        if (!actor.Has(Permissions.ReadAllBranches))
        {
            if (query is { Branch: null, Location: null, Destination: null })
            {
                scoped = query with { Branch = actor.Branch ?? "" };
            }
            else if (query is { Branch: null, Location: null })
            {
                if (query.CirculationStage is not (null or CirculationStage.InTransit))
                {
                    return (null, await audit.Deny<T>(clock, actor, Action, null, query.Destination,
                        $"Branch {actor.Branch} sees the files headed for it once they are dispatched (circulationStage=InTransit)."));
                }
                scoped = query with { CirculationStage = CirculationStage.InTransit };
            }
        }
        return (scoped with { NamesOfRestrictedHidden = !Disclosure.ShowsCustomer(actor, scoped.Branch ?? "", Sensitivity.Restricted) }, null);
    }

    /// <summary>A Restricted file's customer is not named to those who may not see it (see <see cref="Disclosure"/>).</summary>
    private static InventoryItem Disclosed(InventoryItem item, Actor actor) =>
        Disclosure.CustomerFor(actor, item.Branch, item.Sensitivity, new Customer(item.CustomerName, item.CustomerType, null, null, null)) is { Name: null }
            ? item with { CustomerName = null }
            : item;
}
