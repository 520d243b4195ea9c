using BranchArchive.Contracts.Inventory;

namespace BranchArchive.Persistence.Catalogue;

/// <summary>The little SQL that differs between the two stores the catalogue lives in.</summary>
/// <param name="RowsPerInsert">
/// Rows per INSERT statement of a rebuild. PostgreSQL: many, one round trip for a thousand rows.
/// SQLite: one, a prepared statement reused (it has no round trips, and looking up a named
/// parameter is a linear scan, so a statement with thousands of parameters costs quadratic time).
/// </param>
/// <param name="OverdueCountIndex">How the archive-wide overdue count names its index, if it must.</param>
/// <param name="OverduePageIndex">How the archive-wide overdue list names its index, if it must.</param>
/// <param name="TagList">An aggregate of a file's <c>Tag</c> rows as one JSON array (NULL or <c>[]</c> for none): read with its line.</param>
public sealed record CatalogueDialect(string LockRow, Func<string, string> StoredFileVersion, int RowsPerInsert, string OverdueCountIndex,
    string OverduePageIndex, string TagList)
{
    /// <summary>SQLite: one writer at a time already; JSON read with json_extract.</summary>
    public static readonly CatalogueDialect Sqlite = new("",
        payload => $"CAST(json_extract(CAST({payload} AS TEXT), '$.version') AS INTEGER)", RowsPerInsert: 1,
        OverdueCountIndex: " INDEXED BY IX_CatalogueFiles_OverdueByBranch", OverduePageIndex: " INDEXED BY IX_CatalogueFiles_Overdue",
        TagList: "json_group_array(Tag)");

    /// <summary>PostgreSQL: lock the line being replaced; JSON read with jsonb.</summary>
    public static readonly CatalogueDialect Postgres = new(" FOR UPDATE",
        payload => $"((convert_from({payload}, 'UTF8')::jsonb ->> 'version')::bigint)", RowsPerInsert: 1_000, OverdueCountIndex: "", OverduePageIndex: "",
        TagList: "json_agg(Tag)");

    /// <summary>What a count of the query reads from: for the archive-wide overdue list, over due dates.</summary>
    public string CountSource(InventoryQuery query) => "CatalogueFiles f" + (CatalogueFilter.IsOverdueOnly(query) ? OverdueCountIndex : "");

    /// <summary>What a page of the query reads from: for the archive-wide overdue list, in file-number order.</summary>
    public string PageSource(InventoryQuery query) => "CatalogueFiles f" + (CatalogueFilter.IsOverdueOnly(query) ? OverduePageIndex : "");
}
