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

    /// <summary>
    /// A digest of every schema script this build applies: two databases brought up to date by
    /// builds with the same fingerprint have the same schema (the tests keep one template per fingerprint).
    /// </summary>
    public static string Fingerprint { get; } = Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n--\n", SchemaScripts.Read("Postgres/")))))[..16];

    public static async Task ApplyAsync(NpgsqlDataSource database, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock})", connection))
        {
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            // Every silo (and the migrate step) runs this at start; a schema this build brought up
            // to date before needs nothing but this one read.
            if (await AppliedFingerprintAsync(connection, cancellationToken) == Fingerprint)
            {
                return;
            }
            foreach (var script in SchemaScripts.Read("Postgres/"))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var command = new NpgsqlCommand(script, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            await using var record = new NpgsqlCommand(
                """
                CREATE TABLE IF NOT EXISTS ArchiveSchema (Fingerprint text NOT NULL, AppliedOn timestamptz NOT NULL);
                DELETE FROM ArchiveSchema;
                INSERT INTO ArchiveSchema (Fingerprint, AppliedOn) VALUES (@fingerprint, now());
                """, connection);
            record.Parameters.AddWithValue("fingerprint", Fingerprint);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await using var unlocking = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLock})", connection);
            await unlocking.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The fingerprint of the scripts last applied in full, or null (none recorded: an older build's schema, or none).</summary>
    private static async Task<string?> AppliedFingerprintAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass('archiveschema') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return null;
        }
        await using var read = new NpgsqlCommand("SELECT Fingerprint FROM ArchiveSchema LIMIT 1", connection);
        return await read.ExecuteScalarAsync(cancellationToken) as string;
    }
}
