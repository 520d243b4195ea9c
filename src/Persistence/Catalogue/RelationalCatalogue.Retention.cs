using System.Data.Common;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Retention;

namespace BranchArchive.Persistence.Catalogue;

/// <summary>The list for destruction: each file's end of retention, kept beside its catalogue line.</summary>
public sealed partial class RelationalCatalogue
{
    public async Task<IReadOnlyList<RetentionDue>> DueForDestructionAsync(string? branch, DateTimeOffset now, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var select = DbCommands.Create(connection, null,
            "SELECT f.FileId, f.FileNumber, f.Branch, f.Cabinet, f.Status, r.RetainUntil " +
            "FROM CatalogueRetention r JOIN CatalogueFiles f ON f.FileId = r.FileId " +
            "WHERE r.RetainUntil <= @now" + (branch is null ? "" : " AND f.Branch = @branch") +
            " ORDER BY r.RetainUntil, f.FileNumber LIMIT @limit",
            [("@now", Timestamps.Format(now)), ("@branch", branch), ("@limit", limit)]);
        var due = new List<RetentionDue>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new RetentionDue(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                Enum.Parse<FileStatus>(reader.GetString(4)), Timestamps.Parse(reader.GetString(5))));
        }
        return due;
    }

    private static string? FormatRetention(CatalogueEntry entry) => entry.RetainUntil is { } until ? Timestamps.Format(until) : null;

    /// <summary>Stores the line's end of retention, or removes it (a line without one).</summary>
    private static Statement RetentionStatement(CatalogueEntry entry) => entry.RetainUntil is { } until
        ? new("INSERT INTO CatalogueRetention (FileId, RetainUntil) VALUES (@id, @until) ON CONFLICT (FileId) DO UPDATE SET RetainUntil = excluded.RetainUntil",
            [("@id", entry.FileId), ("@until", Timestamps.Format(until))])
        : new("DELETE FROM CatalogueRetention WHERE FileId = @id", [("@id", entry.FileId)]);

    /// <summary>A rebuild's batch of retention rows (into the emptied table).</summary>
    private Task InsertRetention(DbConnection connection, DbTransaction transaction, List<CatalogueEntry> entries, CancellationToken cancellationToken) =>
        InsertRows(connection, transaction, entries.Where(e => e.RetainUntil is not null).ToList(),
            "INSERT INTO CatalogueRetention (FileId, RetainUntil) VALUES ", "(@id{0}, @until{0})",
            e => [("@id", e.FileId), ("@until", Timestamps.Format(e.RetainUntil!.Value))], cancellationToken);
}
