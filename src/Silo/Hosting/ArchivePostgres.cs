using Npgsql;

namespace BranchArchive.Silo.Hosting;

internal static class ArchivePostgres
{
    /// <summary>Statements each connection prepares on the server once it has run them a few times (unless the connection string says otherwise).</summary>
    public const int AutoPreparedStatements = 64;

    public static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // The archive runs the same few dozen statements all day; prepared, the server skips
        // parsing and planning them on every call (it shares its two cores with the silo here).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
        }
        return builder.Build();
    }
}
