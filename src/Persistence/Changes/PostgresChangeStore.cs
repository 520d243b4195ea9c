using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Storage;
using BranchArchive.Persistence.Audit;
using BranchArchive.Persistence.Catalogue;
using BranchArchive.Persistence.Register;
using BranchArchive.Persistence.Writes;
using Npgsql;

namespace BranchArchive.Persistence.Changes;

/// <summary>
/// PostgreSQL: the changes queued in this process meanwhile commit together, one transaction per
/// group and per audit shard (<see cref="Shards"/>), so groups of different shards commit in
/// parallel. A group's state rows go in one round trip (one batch of the provider's write
/// statement); then its register entries and catalogue lines, its audit records, its counters.
/// Locks are taken in one order everywhere (state rows and lines by file id, then the audit
/// chain, then counters by key), so groups of different silos cannot deadlock. A group with a
/// version clash fails as a whole and <see cref="WriteGroups{T}"/> runs its changes again one by
/// one: only the clashing caller fails.
/// </summary>
internal sealed class PostgresChangeStore : IChangeStore
{
    private readonly NpgsqlDataSource _database;
    private readonly RelationalAuditLog _audit;
    private readonly RelationalCatalogue _catalogue;
    private readonly string _serviceId;
    private readonly WriteQuery _query;
    private readonly WriteGroups<Pending>[] _shards;

    public PostgresChangeStore(NpgsqlDataSource database, RelationalAuditLog audit, RelationalCatalogue catalogue, string serviceId, int shards)
    {
        (_database, _audit, _catalogue, _serviceId, _query) = (database, audit, catalogue, serviceId, new WriteQuery(database));
        _shards = [.. Enumerable.Range(0, shards).Select(_ => new WriteGroups<Pending>(CommitGroupAsync))];
    }

    public async Task<string> CommitAsync<TState>(StateChange<TState> change, CancellationToken cancellationToken = default)
    {
        var row = StateRow.Of(_serviceId, change);
        var pending = new Pending(row, change.SideWrites);
        await _shards[Shards.Of(row.Extension ?? row.N1.ToString(System.Globalization.CultureInfo.InvariantCulture), _shards.Length)]
            .WriteAsync(pending, cancellationToken);
        return pending.Version!;
    }

    private async Task CommitGroupAsync(IReadOnlyList<Pending> group)
    {
        var sql = (await _query.TextAsync(CancellationToken.None)).Trim().TrimEnd(';');
        // File-id order (a state row and its file's catalogue line share the key): the global lock order.
        var ordered = group.OrderBy(p => p.Row.Extension, StringComparer.Ordinal).ThenBy(p => p.Row.N1).ThenBy(p => p.Row.N0)
            .ThenBy(p => p.Row.StateName, StringComparer.Ordinal).ToList();
        await using var connection = await _database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await WriteStatesAsync(connection, transaction, sql, ordered);
        var counts = new RelationalCatalogue.CounterChanges();
        foreach (var pending in ordered)
        {
            if (pending.Writes.Register is { } register)
            {
                await RelationalFileRegister.AppendInAsync(connection, transaction, register, CancellationToken.None);
            }
            if (pending.Writes.CatalogueLine is { } line)
            {
                await _catalogue.WriteLineInAsync(connection, transaction, line, counts, CancellationToken.None);
            }
        }
        List<AuditRecord> records = [.. ordered.SelectMany(p => p.Writes.Audit)];
        if (records.Count > 0)
        {
            await _audit.AppendInAsync(connection, transaction, records, CancellationToken.None);
        }
        await counts.ApplyAsync(connection, transaction, CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>Every state row of the group in one batch; each answers its new version, or no row on a clash.</summary>
    private static async Task WriteStatesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, List<Pending> ordered)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var pending in ordered)
        {
            var command = new NpgsqlBatchCommand(sql);
            pending.Row.Bind(command.Parameters, () => new NpgsqlParameter());
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync();
        foreach (var pending in ordered)
        {
            pending.Version = await reader.ReadAsync() ? reader.GetInt32(0).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            await reader.NextResultAsync();
        }
        if (ordered.FirstOrDefault(p => p.Version is null) is { } clash)
        {
            throw clash.Row.Clash(); // the whole group rolls back; WriteGroups runs each change again alone
        }
    }

    private sealed class Pending(StateRow row, SideWrites writes)
    {
        public StateRow Row { get; } = row;

        public SideWrites Writes { get; } = writes;

        /// <summary>Set by the group that stored it (a group re-run alone sets it again).</summary>
        public string? Version { get; set; }
    }
}
