using System.Data.Common;

namespace BranchArchive.Persistence;

/// <summary>Commands with named parameters, written once for SQLite and PostgreSQL (both take <c>@name</c>).</summary>
internal static class DbCommands
{
    /// <remarks>On a SQLite file's writer connection the command is its kept, prepared statement for this SQL.</remarks>
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        var command = connection is Sqlite.WriterConnection writer ? writer.Statement(sql) : connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
