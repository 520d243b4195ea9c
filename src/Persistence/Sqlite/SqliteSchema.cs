namespace BranchArchive.Persistence.Sqlite;

/// <summary>
/// Creates or brings up to date every table the archive needs in its SQLite file. The scripts
/// are idempotent and run in order, each in one transaction, on every start. A script whose first
/// line is <c>-- applies-when: SELECT …</c> runs only while that query answers true: SQLite cannot
/// say "add this column if it is missing" in SQL.
/// </summary>
public static class SqliteSchema
{
    public static async Task ApplyAsync(SqliteDatabase database, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database.Path)!);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // A notice's stored id is computed by the code that computes it for new rows (SQLite has no SHA-256).
        ((Microsoft.Data.Sqlite.SqliteConnection)connection).CreateFunction<string, string, string, string>(
            "archive_notice_id", Circulation.RelationalLoanNotices.IdOf, isDeterministic: true);
        foreach (var script in SchemaScripts.Read("Sqlite/"))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (Condition(script) is { } condition)
            {
                await using var check = connection.CreateCommand();
                check.Transaction = transaction;
                check.CommandText = condition;
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    continue; // done before: the transaction is rolled back unused
                }
            }
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = script;
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private const string ConditionPrefix = "-- applies-when:";

    /// <summary>The query on the script's first line that says whether it must run, or null when it always runs.</summary>
    private static string? Condition(string script)
    {
        var firstLine = script.AsSpan().TrimStart('\uFEFF');
        var end = firstLine.IndexOfAny('\r', '\n');
        firstLine = end < 0 ? firstLine : firstLine[..end];
        return firstLine.StartsWith(ConditionPrefix, StringComparison.Ordinal) ? firstLine[ConditionPrefix.Length..].Trim().ToString() : null;
    }
}
