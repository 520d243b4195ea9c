namespace BranchArchive.Persistence.Catalogue;

/// <summary>The little SQL that differs between the two stores the catalogue lives in.</summary>
public sealed record CatalogueDialect(string LockRow, Func<string, string> StoredFileVersion)
{
    /// <summary>SQLite: one writer at a time already; JSON read with json_extract.</summary>
    public static readonly CatalogueDialect Sqlite = new("",
        payload => $"CAST(json_extract(CAST({payload} AS TEXT), '$.version') AS INTEGER)");

    /// <summary>PostgreSQL: lock the line being replaced; JSON read with jsonb.</summary>
    public static readonly CatalogueDialect Postgres = new(" FOR UPDATE",
        payload => $"((convert_from({payload}, 'UTF8')::jsonb ->> 'version')::bigint)");
}
