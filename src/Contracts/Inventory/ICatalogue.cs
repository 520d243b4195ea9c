namespace BranchArchive.Contracts.Inventory;

/// <summary>
/// The catalogue in the archive's database, read by head office. File grains write their lines
/// with their changes (<see cref="Storage.IChangeStore"/>); only a line of a higher version
/// replaces a stored one.
/// </summary>
public interface ICatalogue
{
    /// <param name="branch">Only this branch, or every branch when null.</param>
    Task<InventorySummary> SummaryAsync(string? branch, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<InventoryPage> SearchAsync(InventoryQuery query, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> files of the query numbered above <paramref name="afterFileNumber"/>, in number order; no count.</summary>
    Task<IReadOnlyList<InventoryItem>> ListAfterAsync(InventoryQuery query, long afterFileNumber, int limit, DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Ids of stored files whose catalogue line is missing or older than their stored state: left
    /// behind when a process died between a file's write and its catalogue update.
    /// </summary>
    /// <param name="after">Scan the stored files whose ids sort after this one ("" from the start).</param>
    /// <param name="scan">How many stored files to compare in this call: a slice, so no query runs long.</param>
    Task<CatalogueScan> FindBehindAsync(string serviceId, string after, int scan, CancellationToken cancellationToken = default);

    /// <summary>The version of the file's line, or null when the catalogue has none (a file grain asks once per activation).</summary>
    Task<long?> LineVersionAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>Files whose retention ended by <paramref name="now"/> (in <paramref name="branch"/>, or all), longest overdue first.</summary>
    Task<IReadOnlyList<Retention.RetentionDue>> DueForDestructionAsync(string? branch, DateTimeOffset now, int limit,
        CancellationToken cancellationToken = default);

    /// <summary>Empties the catalogue, then stores every entry (the rebuild command).</summary>
    Task RebuildAsync(IAsyncEnumerable<CatalogueEntry> entries, CancellationToken cancellationToken = default);

    // Inspections

    /// <summary>The files with these numbers (numbers no file has are left out), as the catalogue lists them.</summary>
    Task<IReadOnlyList<InventoryItem>> FindByNumbersAsync(IReadOnlyCollection<long> fileNumbers, CancellationToken cancellationToken = default);
}

/// <summary>One slice of the sweeper's comparison: the files found behind, and where the next slice starts (null: done).</summary>
public sealed record CatalogueScan(IReadOnlyList<string> Behind, string? Next);
