using System.Data.Common;
using System.Globalization;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Persistence.Writes;

namespace BranchArchive.Persistence.Catalogue;

/// <summary>
/// The catalogue in the archive's database (SQLite or PostgreSQL; the same SQL for both). Rows
/// are keyed by file id and only ever replaced by a higher version; the summary counters move in
/// the same transaction as the rows.
/// </summary>
/// <param name="dialect">What differs between SQLite and PostgreSQL.</param>
/// <param name="database">Connections of its own, for a rebuild (which commits batch by batch).</param>
/// <param name="reads">Where queries run (SQLite: its readers, outside the writer).</param>
/// <param name="writes">Where a line's change runs (SQLite: the file's one writer).</param>
public sealed partial class RelationalCatalogue(DbDataSource database, DbDataSource reads, IDurableWrites writes, CatalogueDialect dialect) : ICatalogue
{

    /// <summary>One line in a transaction of its own (file grains write theirs with their changes, through the side writer).</summary>
    public Task UpsertAsync(CatalogueEntry entry, CancellationToken cancellationToken = default) =>
        writes.RunAsync((connection, transaction, token) => UpsertInAsync(connection, transaction, entry, token), cancellationToken);

    internal async Task UpsertInAsync(DbConnection connection, DbTransaction transaction, CatalogueEntry entry, CancellationToken cancellationToken)
    {
        var counts = new CounterChanges();
        await WriteLineInAsync(connection, transaction, entry, counts, cancellationToken);
        await counts.ApplyAsync(connection, transaction, cancellationToken);
    }

    /// <summary>
    /// Stores the line (unless the catalogue holds this version or a newer one) and notes how the
    /// summary counters move in <paramref name="counts"/>, for the caller to apply once for all the
    /// lines of its transaction.
    /// </summary>
    internal async Task WriteLineInAsync(DbConnection connection, DbTransaction transaction, CatalogueEntry entry, CounterChanges counts,
        CancellationToken cancellationToken)
    {
        var stored = await StoredLine.ReadAsync(connection, transaction, dialect, entry.FileId, cancellationToken);
        if (stored is not null && stored.Version >= entry.Version)
        {
            return; // a repeated or late write: the catalogue already has this or newer
        }
        counts.Move(stored?.Counted, KeyOf(entry), stored?.Place, PlaceOf(entry));
        await Write(connection, transaction, entry, stored, cancellationToken);
    }

    /// <summary>How a transaction's lines move the summary counters, applied once at its end.</summary>
    /// <param name="shard">
    /// The counter rows it moves (a key's count is the sum over shards): a PostgreSQL group moves
    /// its own audit shard's rows, so groups of different shards never wait for each other on a
    /// branch's counters; everything else (SQLite's one writer, a single line, a rebuild) moves shard 0.
    /// </param>
    internal sealed class CounterChanges(int shard = 0)
    {
        private readonly Dictionary<CountKey, long> _changes = [];
        private readonly Dictionary<PlaceKey, long> _places = [];

        public void Add(CountKey key, long change) => _changes[key] = _changes.GetValueOrDefault(key) + change;

        public void Add(PlaceKey key, long change) => _places[key] = _places.GetValueOrDefault(key) + change;

        /// <summary>A line counted under <paramref name="key"/> and <paramref name="place"/> now, and before under the old ones (none for a new line).</summary>
        public void Move(CountKey? oldKey, CountKey key, PlaceKey? oldPlace, PlaceKey place)
        {
            if (oldKey != key)
            {
                Add(key, +1);
                if (oldKey is { } previous)
                {
                    Add(previous, -1);
                }
            }
            if (oldPlace != place)
            {
                Add(place, +1);
                if (oldPlace is { } previous)
                {
                    Add(previous, -1);
                }
            }
        }

        public async Task ApplyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        {
            foreach (var statement in Statements())
            {
                await statement.ExecuteAsync(connection, transaction, cancellationToken);
            }
        }

        /// <summary>The counter upserts, to be run in this order.</summary>
        public IEnumerable<Statement> Statements() =>
            // Counter rows are shared by every file of a branch: take their locks in one global
            // order, or two transactions moving files in opposite directions (out / back) deadlock.
            // Then the counts by place, in their own order: every transaction takes the two tables in the same order.
            _changes.Where(c => c.Value != 0).OrderBy(c => c.Key.Ordered, StringComparer.Ordinal).Select(c => Count(c.Key, c.Value, shard))
                .Concat(_places.Where(c => c.Value != 0).OrderBy(c => c.Key.Ordered, StringComparer.Ordinal).Select(c => Count(c.Key, c.Value, shard)));
    }

    public async Task<InventorySummary> SummaryAsync(string? branch, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        var figures = new Dictionary<string, List<(string Key, string Second, long Files)>>(StringComparer.Ordinal);
        foreach (var (what, sql, parameters) in SummaryStatements.For(branch, now, dialect))
        {
            var rows = figures[what] = [];
            await using var command = DbCommands.Create(connection, null, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        var byStatus = figures[SummaryStatements.ByBranchAndStatus];
        var overdueByBranch = new SortedDictionary<string, long>(
            figures[SummaryStatements.OverdueByBranch].ToDictionary(r => r.Key, r => r.Files, StringComparer.Ordinal), StringComparer.Ordinal);
        return new InventorySummary(
            byStatus.Sum(r => r.Files),
            byStatus.GroupBy(r => r.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new BranchInventory(g.Key, g.Sum(r => r.Files), g.ToDictionary(r => r.Second, r => r.Files, StringComparer.Ordinal))).ToList(),
            figures[SummaryStatements.ByCustomerType].ToDictionary(r => r.Key, r => r.Files, StringComparer.Ordinal),
            figures[SummaryStatements.ByImportance].ToDictionary(r => r.Key, r => r.Files, StringComparer.Ordinal),
            overdueByBranch.Values.Sum(),
            ByPlace([.. figures[SummaryStatements.ByPlace].Select(r => (r.Key, r.Second, r.Files))]),
            overdueByBranch);
    }

    public async Task<InventoryPage> SearchAsync(InventoryQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = CatalogueFilter.For(query, now);
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        var (countSql, countParameters) = CatalogueFilter.TagOnlyCount(query) ?? ($"SELECT COUNT(*) FROM {dialect.CountSource(query)}{where}", parameters);
        await using var count = DbCommands.Create(connection, null, countSql, countParameters);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await using var select = DbCommands.Create(connection, null,
            $"SELECT {ItemColumns} FROM {dialect.PageSource(query)}{where} ORDER BY {CatalogueFilter.OrderBy(query)} LIMIT @limit OFFSET @offset",
            [.. parameters, ("@limit", query.PageSize), ("@offset", (long)(query.Page - 1) * query.PageSize)]);
        var items = await ReadItems(select, query.PageSize, cancellationToken);
        return new InventoryPage(total, query.Page, query.PageSize, items);
    }

    public async Task<IReadOnlyList<InventoryItem>> ListAfterAsync(InventoryQuery query, long afterFileNumber, int limit, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var (where, parameters) = CatalogueFilter.For(query, now);
        where += (where.Length == 0 ? " WHERE " : " AND ") + "f.FileNumber > @after";
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var select = DbCommands.Create(connection, null,
            $"SELECT {ItemColumns} FROM CatalogueFiles f{where} ORDER BY f.FileNumber LIMIT @limit",
            [.. parameters, ("@after", afterFileNumber), ("@limit", limit)]);
        return await ReadItems(select, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<InventoryItem>> FindByNumbersAsync(IReadOnlyCollection<long> fileNumbers, CancellationToken cancellationToken = default)
    {
        const int Slice = 100; // parameters per statement: SQLite looks each name up by a linear scan
        var items = new List<InventoryItem>(fileNumbers.Count);
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        foreach (var slice in fileNumbers.Distinct().Chunk(Slice))
        {
            var names = slice.Select((_, i) => "@n" + i.ToString(CultureInfo.InvariantCulture)).ToList();
            await using var select = DbCommands.Create(connection, null,
                $"SELECT {ItemColumns} FROM CatalogueFiles WHERE FileNumber IN ({string.Join(", ", names)})",
                names.Zip(slice, (name, number) => (name, (object?)number)));
            items.AddRange(await ReadItems(select, slice.Length, cancellationToken));
        }
        return items;
    }

    private const string ItemColumns =
        "FileId, FileNumber, CustomerName, CustomerType, Importance, Status, Branch, Cabinet, DueAt, Sensitivity, Location, CirculationStage, Destination, AwaitingApproval, ApprovalDueAt";

    private static async Task<List<InventoryItem>> ReadItems(DbCommand select, int expected, CancellationToken cancellationToken)
    {
        var items = new List<InventoryItem>(expected);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var importance = Enum.Parse<Importance>(reader.GetString(4));
            items.Add(new InventoryItem(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3) is { Length: > 0 } type ? Enum.Parse<CustomerType>(type) : null, importance, ColorLabels.For(importance),
                Enum.Parse<FileStatus>(reader.GetString(5)), reader.GetString(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : Timestamps.Parse(reader.GetString(8)), Enum.Parse<Sensitivity>(reader.GetString(9)),
                reader.IsDBNull(10) ? null : reader.GetString(10), Enum.Parse<CirculationStage>(reader.GetString(11)),
                reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.IsDBNull(13) ? null : CatalogueFilter.ParseApprovalKinds(reader.GetString(13)),
                reader.IsDBNull(14) ? null : Timestamps.Parse(reader.GetString(14))));
        }
        return items;
    }

    public async Task<long?> LineVersionAsync(string fileId, CancellationToken cancellationToken = default)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null, "SELECT Version FROM CatalogueFiles WHERE FileId = @id", [("@id", fileId)]);
        return await command.ExecuteScalarAsync(cancellationToken) is { } version and not DBNull
            ? Convert.ToInt64(version, CultureInfo.InvariantCulture)
            : null;
    }

    public async Task<CatalogueScan> FindBehindAsync(string serviceId, string after, int scan, CancellationToken cancellationToken = default)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        // A slice of the primary key (string-keyed grains have GrainIdN0 = GrainIdN1 = 0), then
        // the comparison of each stored version with its line.
        await using var command = DbCommands.Create(connection, null,
            $"""
            SELECT s.GrainIdExtensionString, CASE WHEN c.FileId IS NULL OR c.Version < {dialect.StoredFileVersion("s.PayloadBinary")} THEN 1 ELSE 0 END
            FROM (SELECT GrainIdExtensionString, PayloadBinary FROM OrleansStorage
                  WHERE ServiceId = @service AND GrainTypeString = 'customer-file' AND GrainIdN0 = 0 AND GrainIdN1 = 0
                    AND GrainIdExtensionString > @after
                  ORDER BY GrainIdExtensionString LIMIT @scan) s
            LEFT JOIN CatalogueFiles c ON c.FileId = s.GrainIdExtensionString
            WHERE s.PayloadBinary IS NOT NULL
            ORDER BY s.GrainIdExtensionString
            """, [("@service", serviceId), ("@after", after), ("@scan", scan)]);
        var (behind, last, seen) = (new List<string>(), (string?)null, 0);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            last = reader.GetString(0);
            seen++;
            if (Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture) == 1)
            {
                behind.Add(last);
            }
        }
        // Fewer rows than asked may still mean more follow (cleared states are skipped): stop only on none.
        return new CatalogueScan(behind, seen == 0 ? null : last);
    }

    public async Task RebuildAsync(IAsyncEnumerable<CatalogueEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in new[] { "CatalogueRetention", "CatalogueTags", "CatalogueCounts", "CatalogueLocationCounts", "CatalogueFiles" })
        {
            await using var clear = DbCommands.Create(connection, transaction, $"DELETE FROM {table}", []);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        var counts = new Dictionary<CountKey, long>();
        var placeCounts = new Dictionary<PlaceKey, long>();
        var batch = new List<CatalogueEntry>(RebuildBatch);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            var key = KeyOf(entry);
            counts[key] = counts.GetValueOrDefault(key) + 1;
            var place = PlaceOf(entry);
            placeCounts[place] = placeCounts.GetValueOrDefault(place) + 1;
            batch.Add(entry);
            if (batch.Count == RebuildBatch)
            {
                // Commit batch by batch: one transaction over a million rows would hold the database too long.
                await InsertAll(connection, transaction, batch, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
                transaction = await connection.BeginTransactionAsync(cancellationToken);
                batch.Clear();
            }
        }
        await InsertAll(connection, transaction, batch, cancellationToken);
        foreach (var (key, files) in counts.OrderBy(c => c.Key.Ordered, StringComparer.Ordinal))
        {
            await Count(key, files, shard: 0).ExecuteAsync(connection, transaction, cancellationToken);
        }
        foreach (var (key, files) in placeCounts.OrderBy(c => c.Key.Ordered, StringComparer.Ordinal))
        {
            await Count(key, files, shard: 0).ExecuteAsync(connection, transaction, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
    }

    /// <summary>Lines per committed transaction of a rebuild.</summary>
    private const int RebuildBatch = 1_000;

    /// <summary>
    /// Inserts a rebuild's batch into the emptied tables, <see cref="CatalogueDialect.RowsPerInsert"/>
    /// rows per statement, one command reused for every full chunk.
    /// </summary>
    private async Task InsertAll(DbConnection connection, DbTransaction transaction, List<CatalogueEntry> entries, CancellationToken cancellationToken)
    {
        await InsertRows(connection, transaction, entries, InsertLine,
            "(@id{0}, @number{0}, @version{0}, @name{0}, @nameKey{0}, @type{0}, @importance{0}, @sensitivity{0}, @status{0}, @branch{0}, @cabinet{0}, @due{0}, @updated{0}, @location{0}, @destination{0}, @stage{0}, @pickupSince{0}, @awaiting{0}, @approvalDue{0})",
            LineParameters, cancellationToken);
        var tags = entries.SelectMany(e => e.Tags.Distinct(StringComparer.Ordinal).Select(tag => (Tag: tag, e.FileNumber, e.FileId))).ToList();
        await InsertRows(connection, transaction, tags, "INSERT INTO CatalogueTags (Tag, FileNumber, FileId) VALUES ", "(@tag{0}, @number{0}, @id{0})",
            t => [("@tag", t.Tag), ("@number", t.FileNumber), ("@id", t.FileId)], cancellationToken);
        await InsertRetention(connection, transaction, entries, cancellationToken);
    }

    private async Task InsertRows<T>(DbConnection connection, DbTransaction transaction, List<T> rows, string insert, string rowPattern,
        Func<T, (string Name, object? Value)[]> values, CancellationToken cancellationToken)
    {
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += dialect.RowsPerInsert)
            {
                var chunk = rows.GetRange(start, Math.Min(dialect.RowsPerInsert, rows.Count - start));
                var isFull = chunk.Count == dialect.RowsPerInsert;
                var command = isFull ? full ??= Prepare(chunk.Count) : Prepare(chunk.Count);
                var index = 0;
                foreach (var value in chunk.SelectMany(values))
                {
                    command.Parameters[index++].Value = value.Value ?? DBNull.Value;
                }
                await command.ExecuteNonQueryAsync(cancellationToken);
                if (!isFull)
                {
                    await command.DisposeAsync();
                }
            }
        }
        finally
        {
            full?.Dispose();
        }

        DbCommand Prepare(int count) => DbCommands.Create(connection, transaction,
            insert + string.Join(",", Enumerable.Range(0, count).Select(i => string.Format(CultureInfo.InvariantCulture, rowPattern, i))),
            Enumerable.Range(0, count).SelectMany(i => values(rows[0]).Select(p => (p.Name + i.ToString(CultureInfo.InvariantCulture), (object?)null))));
    }

    private const string InsertLine =
        "INSERT INTO CatalogueFiles (FileId, FileNumber, Version, CustomerName, NameKey, CustomerType, Importance, Sensitivity, Status, Branch, Cabinet, DueAt, UpdatedAt, " +
        "Location, Destination, CirculationStage, AwaitingPickupSince, AwaitingApproval, ApprovalDueAt) VALUES ";

    /// <summary>A line's column values, named as the single-row upsert names them, in the order of <see cref="StoredLine.Columns"/>.</summary>
    private static (string Name, object? Value)[] LineParameters(CatalogueEntry entry) =>
    [
        ("@id", entry.FileId), ("@number", entry.FileNumber), ("@version", entry.Version), ("@name", entry.CustomerName),
        ("@nameKey", CatalogueFilter.NameKey(entry.CustomerName)), ("@type", TypeKey(entry.CustomerType)),
        ("@importance", entry.Importance.ToString()), ("@sensitivity", entry.Sensitivity.ToString()),
        ("@status", entry.Status.ToString()), ("@branch", entry.Branch), ("@cabinet", entry.Cabinet),
        ("@due", entry.DueAt is { } due ? Timestamps.Format(due) : null), ("@updated", Timestamps.Format(entry.UpdatedAt)),
        ("@location", entry.Where.Location), ("@destination", entry.Where.Destination), ("@stage", entry.Where.Stage.ToString()),
        ("@pickupSince", entry.AwaitingPickupSince is { } since ? Timestamps.Format(since) : null),
        ("@awaiting", CatalogueFilter.ApprovalKinds(entry.AwaitingApproval)),
        ("@approvalDue", entry.ApprovalDueAt is { } approvalDue ? Timestamps.Format(approvalDue) : null),
    ];

    /// <param name="stored">The file's line as stored, if it has one: then only the columns that changed are set (SQLite
    /// maintains only the indexes over those: a checkout moves 4 of the table's 13, not all of them), and its tags and
    /// retention row are rewritten only if they changed (most changes are checkouts and returns, which change neither).</param>
    private static async Task Write(DbConnection connection, DbTransaction transaction, CatalogueEntry entry, StoredLine? stored,
        CancellationToken cancellationToken)
    {
        var values = LineParameters(entry);
        if (stored is null)
        {
            await using var upsert = DbCommands.Create(connection, transaction, UpsertLine, values);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        else if (StoredLine.Changes(stored, values) is { Count: > 0 } changed)
        {
            await using var update = DbCommands.Create(connection, transaction,
                $"UPDATE CatalogueFiles SET {string.Join(", ", changed.Select(i => $"{StoredLine.Columns[i]} = {values[i].Name}"))} WHERE FileId = @id",
                [values[0], .. changed.Select(i => values[i])]);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        var tags = TagsOf(entry);
        if (stored is null || stored.FileNumber != entry.FileNumber || !stored.Tags.SequenceEqual(tags))
        {
            foreach (var statement in TagStatements(entry, tags))
            {
                await statement.ExecuteAsync(connection, transaction, cancellationToken);
            }
        }
        if (stored is null || stored.RetainUntil != FormatRetention(entry))
        {
            await RetentionStatement(entry).ExecuteAsync(connection, transaction, cancellationToken);
        }
    }

    private static Statement Count(CountKey key, long change, int shard) => new(
        """
        INSERT INTO CatalogueCounts (Branch, Status, CustomerType, Importance, Shard, Files) VALUES (@branch, @status, @type, @importance, @shard, @change)
        ON CONFLICT (Branch, Status, CustomerType, Importance, Shard) DO UPDATE SET Files = CatalogueCounts.Files + excluded.Files
        """,
        [("@branch", key.Branch), ("@status", key.Status), ("@type", key.Type), ("@importance", key.Importance), ("@shard", shard), ("@change", change)]);

    private static Statement Count(PlaceKey key, long change, int shard) => new(
        """
        INSERT INTO CatalogueLocationCounts (Branch, Stage, Shard, Files) VALUES (@branch, @stage, @shard, @change)
        ON CONFLICT (Branch, Stage, Shard) DO UPDATE SET Files = CatalogueLocationCounts.Files + excluded.Files
        """,
        [("@branch", key.Branch), ("@stage", key.Stage), ("@shard", shard), ("@change", change)]);

    private static string TypeKey(CustomerType? type) => type?.ToString() ?? "";

    /// <summary>Where a line is counted by place: its holding branch, or on the road under its destination.</summary>
    private static PlaceKey PlaceOf(CatalogueEntry entry) =>
        new(entry.Where.Location ?? entry.Where.Destination ?? "", entry.Where.Stage.ToString());

    /// <summary>The key of one counter row by place (<c>CatalogueLocationCounts</c>).</summary>
    internal readonly record struct PlaceKey(string Branch, string Stage)
    {
        public string Ordered => string.Join('\0', Branch, Stage);
    }

    /// <summary>Per branch: the files it holds, by stage, and those on the road to it.</summary>
    private static List<BranchWhereabouts> ByPlace(List<(string Branch, string Stage, long Files)> places) =>
        places.Where(p => p.Branch.Length > 0).GroupBy(p => p.Branch).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var held = g.Where(p => p.Stage != nameof(CirculationStage.InTransit)).ToList();
                return new BranchWhereabouts(g.Key, held.Sum(p => p.Files),
                    held.ToDictionary(p => p.Stage, p => p.Files, StringComparer.Ordinal),
                    g.Where(p => p.Stage == nameof(CirculationStage.InTransit)).Sum(p => p.Files));
            }).ToList();

    private static CountKey KeyOf(CatalogueEntry entry) =>
        new(entry.Branch, entry.Status.ToString(), TypeKey(entry.CustomerType), entry.Importance.ToString());

    /// <summary>The key of one summary counter row.</summary>
    internal readonly record struct CountKey(string Branch, string Status, string Type, string Importance)
    {
        /// <summary>A total order over counter rows (NUL never occurs in the parts).</summary>
        public string Ordered => string.Join('\0', Branch, Status, Type, Importance);
    }

}
