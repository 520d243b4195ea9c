using Npgsql;

namespace BranchArchive.Silo.Hosting;

internal static class ArchivePostgres
{
    public static NpgsqlDataSource DataSource(string connectionString) => NpgsqlDataSource.Create(connectionString);
}
