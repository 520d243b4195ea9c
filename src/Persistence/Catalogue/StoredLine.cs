using System.Data.Common;
using System.Text.Json;

namespace BranchArchive.Persistence.Catalogue;

/// <summary>
/// A file's catalogue line as stored, with its tags and end of retention: read in one statement
/// before a new version replaces it, to find which of its columns, tags and retention row change.
/// </summary>
internal sealed record StoredLine(long Version, long FileNumber, object?[] Values, IReadOnlyList<string> Tags, string? RetainUntil)
{
    /// <summary>The line's columns, in the order of <c>RelationalCatalogue.LineParameters</c> (FileId first).</summary>
    public static readonly string[] Columns =
    [
        "FileId", "FileNumber", "Version", "CustomerName", "NameKey", "CustomerType", "Importance", "Sensitivity", "Status", "Branch", "Cabinet",
        "DueAt", "UpdatedAt", "Location", "Destination", "CirculationStage", "AwaitingPickupSince", "AwaitingApproval", "ApprovalDueAt",
    ];

    private static readonly int VersionAt = Array.IndexOf(Columns, "Version");
    private static readonly int FileNumberAt = Array.IndexOf(Columns, "FileNumber");

    /// <summary>The counter row it is counted in.</summary>
    public RelationalCatalogue.CountKey Counted => new(Text("Branch")!, Text("Status")!, Text("CustomerType")!, Text("Importance")!);

    /// <summary>Where it is counted by place: its holding branch, or on the road under its destination.</summary>
    public RelationalCatalogue.PlaceKey Place => new(Text("Location") ?? Text("Destination") ?? "", Text("CirculationStage")!);

    /// <summary>
    /// The line (locked for the transaction where the store has row locks), its tags and retention, or null if the file has none.
    /// </summary>
    public static async Task<StoredLine?> ReadAsync(DbConnection connection, DbTransaction transaction, CatalogueDialect dialect, string fileId,
        CancellationToken cancellationToken)
    {
        await using var read = DbCommands.Create(connection, transaction,
            $"SELECT {string.Join(", ", Columns)}, (SELECT {dialect.TagList} FROM CatalogueTags t WHERE t.FileId = @id), " +
            "(SELECT r.RetainUntil FROM CatalogueRetention r WHERE r.FileId = @id) FROM CatalogueFiles WHERE FileId = @id" + dialect.LockRow,
            [("@id", fileId)]);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var values = new object?[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }
        var tags = reader.IsDBNull(Columns.Length) ? [] : JsonSerializer.Deserialize<List<string>>(reader.GetString(Columns.Length)) ?? [];
        tags.Sort(StringComparer.Ordinal);
        var retainUntil = reader.IsDBNull(Columns.Length + 1) ? null : reader.GetString(Columns.Length + 1);
        return new StoredLine(Convert.ToInt64(values[VersionAt], System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(values[FileNumberAt], System.Globalization.CultureInfo.InvariantCulture), values, tags, retainUntil);
    }

    /// <summary>The positions (in <see cref="Columns"/>) of the columns whose new value differs from the stored one.</summary>
    public static List<int> Changes(StoredLine stored, (string Name, object? Value)[] values)
    {
        var changed = new List<int>(values.Length);
        for (var i = 1; i < values.Length; i++)
        {
            if (!Same(stored.Values[i], values[i].Value))
            {
                changed.Add(i);
            }
        }
        return changed;
    }

    /// <summary>Text and 64-bit integers, as both stores hand them back and as the line's parameters hold them.</summary>
    private static bool Same(object? stored, object? value) => (stored, value) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (long a, long b) => a == b,
        (int a, long b) => a == b,
        _ => false, // a type not foreseen: written again, never wrongly kept
    };

    private string? Text(string column) => (string?)Values[Array.IndexOf(Columns, column)];
}
