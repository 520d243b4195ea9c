using BranchArchive.Persistence.Postgres;
using BranchArchive.Persistence.Sqlite;
using Npgsql;

namespace BranchArchive.Silo.Hosting;

/// <summary>The <c>migrate</c> command: creates or upgrades every table and query of the configured database.</summary>
public static class ArchiveMigrations
{
    public static async Task ApplyAsync(ArchiveStorageSettings storage, CancellationToken cancellationToken = default)
    {
        if (storage.Kind == ArchiveStorageSettings.PostgresKind)
        {
            await using var postgres = NpgsqlDataSource.Create(storage.PostgresConnectionString!);
            await PostgresSchema.ApplyAsync(postgres, cancellationToken);
            return;
        }
        await using var sqlite = new SqliteDatabase(storage.Sqlite.Path, storage.Sqlite.Synchronous);
        await SqliteSchema.ApplyAsync(sqlite, cancellationToken);
    }
}
