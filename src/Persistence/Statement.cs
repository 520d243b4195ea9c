using System.Data.Common;
using Npgsql;

namespace BranchArchive.Persistence;

/// <summary>
/// One SQL statement with its named parameters (<c>@name</c>, as <see cref="DbCommands"/> takes them):
/// run alone on either store, or added to a PostgreSQL batch, so a statement's text is written once
/// for both ways.
/// </summary>
internal readonly record struct Statement(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)
{
    public async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, Sql, Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public NpgsqlBatchCommand ToBatchCommand()
    {
        var command = new NpgsqlBatchCommand(Sql);
        foreach (var (name, value) in Parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        }
        return command;
    }
}
