using BranchArchive.Contracts.Inventory;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>The real catalogue, whose writes a test can make fail, as a lost connection would.</summary>
public sealed class SwitchableCatalogue(ICatalogue inner, CatalogueOutage outage) : ICatalogue
{
    public Task UpsertAsync(CatalogueEntry entry, CancellationToken cancellationToken = default) =>
        outage.Down ? throw new IOException("The catalogue is unavailable (test outage).") : inner.UpsertAsync(entry, cancellationToken);

    public Task<InventorySummary> SummaryAsync(string? branch, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.SummaryAsync(branch, now, cancellationToken);

    public Task<InventoryPage> SearchAsync(InventoryQuery query, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.SearchAsync(query, now, cancellationToken);

    public Task<IReadOnlyList<InventoryItem>> ListAfterAsync(InventoryQuery query, long afterFileNumber, int limit, DateTimeOffset now,
        CancellationToken cancellationToken = default) =>
        inner.ListAfterAsync(query, afterFileNumber, limit, now, cancellationToken);

    public Task<CatalogueScan> FindBehindAsync(string serviceId, string after, int scan, CancellationToken cancellationToken = default) =>
        inner.FindBehindAsync(serviceId, after, scan, cancellationToken);

    public Task<IReadOnlyList<BranchArchive.Contracts.Retention.RetentionDue>> DueForDestructionAsync(string? branch, DateTimeOffset now, int limit,
        CancellationToken cancellationToken = default) =>
        inner.DueForDestructionAsync(branch, now, limit, cancellationToken);

    public Task RebuildAsync(IAsyncEnumerable<CatalogueEntry> entries, CancellationToken cancellationToken = default) =>
        inner.RebuildAsync(entries, cancellationToken);

    public Task<IReadOnlyList<InventoryItem>> FindByNumbersAsync(IReadOnlyCollection<long> fileNumbers, CancellationToken cancellationToken = default) =>
        inner.FindByNumbersAsync(fileNumbers, cancellationToken);

    /// <summary>Both ways to the catalogue fail while down: direct upserts and the side writes of stored changes.</summary>
    public static void Install(ISiloBuilder silo, CatalogueOutage outage)
    {
        silo.Services.Decorate<ICatalogue>(catalogue => new SwitchableCatalogue(catalogue, outage));
        SwitchableSideWriter.Install(silo, catalogue: outage);
    }
}

public sealed class CatalogueOutage
{
    public volatile bool Down;
}
