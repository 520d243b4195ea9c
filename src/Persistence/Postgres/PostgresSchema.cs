using Npgsql;

namespace BranchArchive.Persistence.Postgres;

/// <summary>
/// Creates or brings up to date every table and query the archive needs in PostgreSQL: Orleans'
/// clustering, grain storage and reminders, and the audit log. Idempotent; several silos (or
/// init containers) starting at once take turns through an advisory lock.
/// </summary>
public static class PostgresSchema
{
    private const long MigrationLock = 7310214;

    public static async Task ApplyAsync(NpgsqlDataSource database, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock})", connection))
        {
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            foreach (var script in SchemaScripts.Read("Postgres/"))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var command = new NpgsqlCommand(script, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await using var unlocking = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLock})", connection);
            await unlocking.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
