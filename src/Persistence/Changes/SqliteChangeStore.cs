using System.Data.Common;
using BranchArchive.Contracts.Storage;
using BranchArchive.Persistence.Audit;
using BranchArchive.Persistence.Catalogue;
using BranchArchive.Persistence.Register;
using BranchArchive.Persistence.Sqlite;

namespace BranchArchive.Persistence.Changes;

/// <summary>
/// SQLite: each change is one unit on the file's one writer (which commits whatever queued
/// together in one transaction, each unit under its own savepoint): the state row by the
/// provider's write statement, then its register entries, catalogue line and counters, then its
/// audit records. A version clash or any failing part rolls back the whole unit.
/// </summary>
internal sealed class SqliteChangeStore(SqliteDatabase sqlite, RelationalAuditLog audit, RelationalCatalogue catalogue, string serviceId) : IChangeStore
{
    private readonly WriteQuery _query = new(sqlite.Readers);

    public async Task<string> CommitAsync<TState>(StateChange<TState> change, CancellationToken cancellationToken = default)
    {
        var row = StateRow.Of(serviceId, change); // serialised here, on the grain's turn, not on the writer's thread
        var sql = await _query.TextAsync(cancellationToken);
        return await sqlite.Writes.RunAsync(async (connection, transaction, token) =>
        {
            var version = await WriteStateAsync(connection, transaction, sql, row, token) ?? throw row.Clash();
            await WriteSidesAsync(connection, transaction, change.SideWrites, token);
            return version;
        }, cancellationToken);
    }

    /// <summary>The provider's statement (two on SQLite: update or insert): one row answered when it stored, none on a clash.</summary>
    private static async Task<string?> WriteStateAsync(DbConnection connection, DbTransaction transaction, string sql, StateRow row, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, sql, []);
        row.Bind(command.Parameters, command.CreateParameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? version = null;
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                version = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        while (await reader.NextResultAsync(cancellationToken));
        return version;
    }

    private async Task WriteSidesAsync(DbConnection connection, DbTransaction transaction, SideWrites writes, CancellationToken cancellationToken)
    {
        if (writes.Register is { } register)
        {
            await RelationalFileRegister.AppendInAsync(connection, transaction, register, cancellationToken);
        }
        if (writes.CatalogueLine is { } line)
        {
            await catalogue.UpsertInAsync(connection, transaction, line, cancellationToken);
        }
        if (writes.Audit.Count > 0)
        {
            await audit.AppendInAsync(connection, transaction, writes.Audit, cancellationToken);
        }
    }
}
