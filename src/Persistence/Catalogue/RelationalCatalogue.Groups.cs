using System.Data.Common;
using BranchArchive.Contracts.Inventory;

namespace BranchArchive.Persistence.Catalogue;

/// <summary>The statements a line's write is made of, and a PostgreSQL group's lines read and written in one round trip each.</summary>
public sealed partial class RelationalCatalogue
{
    /// <summary>A line, new or replacing the stored one (the caller has checked that it is newer).</summary>
    private const string UpsertLine = InsertLine + """
        (@id, @number, @version, @name, @nameKey, @type, @importance, @sensitivity, @status, @branch, @cabinet, @due, @updated, @location, @destination, @stage, @pickupSince, @awaiting, @approvalDue)
        ON CONFLICT (FileId) DO UPDATE SET
            FileNumber = excluded.FileNumber, Version = excluded.Version, CustomerName = excluded.CustomerName,
            NameKey = excluded.NameKey, CustomerType = excluded.CustomerType, Importance = excluded.Importance,
            Sensitivity = excluded.Sensitivity, Status = excluded.Status, Branch = excluded.Branch,
            Cabinet = excluded.Cabinet, DueAt = excluded.DueAt, UpdatedAt = excluded.UpdatedAt,
            Location = excluded.Location, Destination = excluded.Destination, CirculationStage = excluded.CirculationStage,
            AwaitingPickupSince = excluded.AwaitingPickupSince, AwaitingApproval = excluded.AwaitingApproval,
            ApprovalDueAt = excluded.ApprovalDueAt
        """;

    /// <summary>Replaces a line's tags with <paramref name="tags"/>.</summary>
    private static IEnumerable<Statement> TagStatements(CatalogueEntry entry, IEnumerable<string> tags) =>
        tags.Select(tag => new Statement("INSERT INTO CatalogueTags (Tag, FileNumber, FileId) VALUES (@tag, @number, @id)",
                [("@tag", tag), ("@number", entry.FileNumber), ("@id", entry.FileId)]))
            .Prepend(new Statement("DELETE FROM CatalogueTags WHERE FileId = @id", [("@id", entry.FileId)]));

    private static List<string> TagsOf(CatalogueEntry entry) => entry.Tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The catalogue lines of one PostgreSQL group of changes (<c>PostgresChangeGroup</c>), in a
    /// constant number of round trips however many there are: <see cref="Reads"/> reads and locks
    /// every stored line of the group in one statement (in file-id order: the global lock order),
    /// with their tags and retention; <see cref="Writes"/> then compares here and writes only what
    /// changed, and notes how the counters move in the group's <see cref="CounterChanges"/>. As for
    /// a single line, a line is replaced only by a higher version.
    /// </summary>
    internal sealed class LineGroup(IReadOnlyList<CatalogueEntry> lines, CounterChanges counts)
    {
        private readonly Dictionary<string, (long Version, CountKey Key, PlaceKey Place)> _lines = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _tags = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _retention = new(StringComparer.Ordinal);

        /// <summary>Three statements (none for a group without lines); <see cref="ReadAsync"/> reads their results.</summary>
        public IEnumerable<Statement> Reads()
        {
            if (lines.Count == 0)
            {
                yield break;
            }
            (string, object?)[] ids = [("@ids", lines.Select(l => l.FileId).Distinct(StringComparer.Ordinal).ToArray())];
            yield return new(
                """
                SELECT FileId, Version, Branch, Status, CustomerType, Importance, COALESCE(Location, Destination, ''), CirculationStage
                FROM CatalogueFiles WHERE FileId = ANY(@ids) ORDER BY FileId COLLATE "C" FOR UPDATE
                """, ids);
            yield return new("SELECT FileId, Tag FROM CatalogueTags WHERE FileId = ANY(@ids)", ids);
            yield return new("SELECT FileId, RetainUntil FROM CatalogueRetention WHERE FileId = ANY(@ids)", ids);
        }

        /// <summary>Reads the results of <see cref="Reads"/>, the reader at the first of them; leaves it at the result after them.</summary>
        public async Task ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
        {
            if (lines.Count == 0)
            {
                return;
            }
            while (await reader.ReadAsync(cancellationToken))
            {
                _lines[reader.GetString(0)] = (reader.GetInt64(1),
                    new CountKey(reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)),
                    new PlaceKey(reader.GetString(6), reader.GetString(7)));
            }
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                (_tags.TryGetValue(id, out var tags) ? tags : _tags[id] = []).Add(reader.GetString(1));
            }
            _tags.Values.ToList().ForEach(tags => tags.Sort(StringComparer.Ordinal));
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                _retention[reader.GetString(0)] = reader.GetString(1);
            }
            await reader.NextResultAsync(cancellationToken);
        }

        /// <summary>The writes of every line newer than the stored one, in the group's order; their counter moves go to the group's counters.</summary>
        public List<Statement> Writes()
        {
            var writes = new List<Statement>();
            foreach (var entry in lines)
            {
                (long Version, CountKey Key, PlaceKey Place)? old = _lines.TryGetValue(entry.FileId, out var stored) ? stored : null;
                if (old is { } previous && previous.Version >= entry.Version)
                {
                    continue; // a repeated or late write: the catalogue already has this or newer
                }
                var (key, place) = (KeyOf(entry), PlaceOf(entry));
                counts.Move(old?.Key, key, old?.Place, place);
                writes.Add(new Statement(UpsertLine, LineParameters(entry)));
                var tags = TagsOf(entry);
                if (!(_tags.GetValueOrDefault(entry.FileId) ?? []).SequenceEqual(tags))
                {
                    writes.AddRange(TagStatements(entry, tags));
                }
                var retention = FormatRetention(entry);
                if (_retention.GetValueOrDefault(entry.FileId) != retention)
                {
                    writes.Add(RetentionStatement(entry));
                }
                // What the catalogue holds once these run (a group may hold two changes of one file).
                _lines[entry.FileId] = (entry.Version, key, place);
                _tags[entry.FileId] = tags;
                if (retention is null)
                {
                    _retention.Remove(entry.FileId);
                }
                else
                {
                    _retention[entry.FileId] = retention;
                }
            }
            return writes;
        }
    }
}
