using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace BranchArchive.Persistence.Sqlite;

/// <summary>
/// The data source Orleans' ADO.NET grain storage gets for a SQLite file. Its connections open
/// nothing: each command the provider runs is handed to the file's <see cref="SqliteWriter"/>,
/// joins the next group commit there (as a prepared statement the writer's connection keeps),
/// and its rows come back once that commit is on disk. The provider therefore acknowledges a
/// grain's write only when it is durable, and many grains' writes share one disk flush. Only
/// grains without side writes write through here; audited grains commit through
/// <see cref="Changes.SqliteChangeStore"/>, on the same writer.
/// </summary>
internal sealed class GrainStorageDataSource(SqliteWriter writer, string connectionString) : DbDataSource
{
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new QueuedConnection(this, connectionString);

    protected override DbConnection OpenDbConnection() => CreateDbConnection();

    protected override ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(CreateDbConnection());

    private Task<DbDataReader> ExecuteAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var sql = command.CommandText;
        var parameters = command.Parameters.Cast<SqliteParameter>().ToArray();
        return writer.RunAsync<DbDataReader>((connection, transaction, _) =>
            Task.FromResult<DbDataReader>(new DataTableReader([.. Execute((SqliteConnection)connection, (SqliteTransaction)transaction, sql, parameters)])),
            cancellationToken);
    }

    private static List<DataTable> Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, SqliteParameter[] parameters)
    {
        using var statement = ((WriterConnection)connection).Statement(sql);
        statement.Transaction = transaction;
        statement.Parameters.AddRange(parameters);
        using var reader = statement.ExecuteReader();
        return Materialise(reader);
    }

    /// <summary>Copies every result set: the rows must outlive the writer's turn on the connection.</summary>
    private static List<DataTable> Materialise(SqliteDataReader reader)
    {
        var tables = new List<DataTable>();
        do
        {
            var table = new DataTable();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                table.Columns.Add(reader.GetName(i), typeof(object));
            }
            while (reader.Read())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                table.Rows.Add(values);
            }
            tables.Add(table);
        }
        while (reader.NextResult());
        return tables;
    }

    /// <summary>A connection in name only (the provider checks its type): its commands go to the writer.</summary>
    private sealed class QueuedConnection(GrainStorageDataSource source, string connectionString) : SqliteConnection(connectionString)
    {
        public override SqliteCommand CreateCommand() => new QueuedCommand(source);
    }

    private sealed class QueuedCommand(GrainStorageDataSource source) : SqliteCommand
    {
        protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
            source.ExecuteAsync(this, cancellationToken);

        // The provider only reads asynchronously; waiting here would hold a thread for a disk flush.
        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
            throw new NotSupportedException("Grain storage commands run asynchronously on the file's writer.");
    }
}
