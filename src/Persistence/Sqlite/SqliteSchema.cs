namespace BranchArchive.Persistence.Sqlite;

/// <summary>
/// Creates or brings up to date every table the archive needs in its SQLite file. The scripts
/// are idempotent and run in order, each in one transaction, on every start.
/// </summary>
public static class SqliteSchema
{
    public static async Task ApplyAsync(SqliteDatabase database, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database.Path)!);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        foreach (var script in SchemaScripts.Read("Sqlite/"))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = script;
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
