using Microsoft.Extensions.Configuration;

namespace BranchArchive.Silo.Hosting;

/// <summary>Which database holds the archive, resolved from configuration.</summary>
public sealed record ArchiveStorageSettings(string Kind, SqliteStorageOptions Sqlite, string? PostgresConnectionString)
{
    public const string SqliteKind = "Sqlite";
    public const string PostgresKind = "Postgres";

    public static ArchiveStorageSettings SqliteFile(string path) => new(SqliteKind, new SqliteStorageOptions { Path = path }, null);

    public static ArchiveStorageSettings PostgresDatabase(string connectionString) => new(PostgresKind, new SqliteStorageOptions(), connectionString);

    public static ArchiveStorageSettings From(ArchiveSiloOptions options, IConfiguration configuration) => options.Storage switch
    {
        SqliteKind => new(SqliteKind, options.Sqlite, null),
        PostgresKind => PostgresDatabase(configuration.GetConnectionString(ArchiveSiloOptions.PostgresConnectionName)
            ?? throw new InvalidOperationException($"Cluster:Storage=Postgres needs ConnectionStrings:{ArchiveSiloOptions.PostgresConnectionName}.")),
        _ => throw new InvalidOperationException($"Cluster:Storage '{options.Storage}' is not known; use 'Sqlite' or 'Postgres'."),
    };
}
