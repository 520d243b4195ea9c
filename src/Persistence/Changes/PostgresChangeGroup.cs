using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Storage;
using BranchArchive.Persistence.Audit;
using BranchArchive.Persistence.Catalogue;
using BranchArchive.Persistence.Register;
using Npgsql;

namespace BranchArchive.Persistence.Changes;

/// <summary>
/// One group of changes of one audit shard, committed in one transaction in two round trips and
/// the commit, however many changes it holds (a statement per change would make a group's
/// transaction, and the chain lock it holds, as long as its size):
/// <list type="number">
/// <item>one batch: every state row (the provider's write statement), every stored catalogue line
/// of the group read and locked by one statement with its tags and retention, the locks of the
/// audit chains the records go to, each chain's last link and which records are stored already;</item>
/// <item>then, computed here (counter moves, hash links, what changed), one batch: the register
/// rows, the lines and whatever of their tags and retention changed, the audit entries, and the
/// counter rows of the group's own shard.</item>
/// </list>
/// Locks come in the global order: state rows and lines by file id, then the audit chains, then
/// the counters by key; a group's counter rows are its shard's own, so groups of different shards
/// never wait for each other there. A version clash throws after the first batch (the whole group
/// rolls back; <see cref="Writes.WriteGroups{T}"/> runs its changes again one by one).
/// </summary>
internal sealed class PostgresChangeGroup(NpgsqlDataSource database, RelationalAuditLog audit, WriteQuery query)
{
    public async Task CommitAsync(int shard, IReadOnlyList<PendingChange> group)
    {
        var sql = (await query.TextAsync(CancellationToken.None)).Trim().TrimEnd(';');
        // File-id order (a state row and its file's catalogue line share the key): the global lock order.
        var ordered = group.OrderBy(p => p.Row.Extension, StringComparer.Ordinal).ThenBy(p => p.Row.N1).ThenBy(p => p.Row.N0)
            .ThenBy(p => p.Row.StateName, StringComparer.Ordinal).ToList();
        var counts = new RelationalCatalogue.CounterChanges(shard);
        var lines = new RelationalCatalogue.LineGroup([.. ordered.Select(p => p.Writes.CatalogueLine).OfType<CatalogueEntry>()], counts);
        var records = audit.Group([.. ordered.SelectMany(p => p.Writes.Audit)]);

        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var reads = new NpgsqlBatch(connection, transaction))
        {
            foreach (var pending in ordered)
            {
                var command = new NpgsqlBatchCommand(sql);
                pending.Row.Bind(command.Parameters, () => new NpgsqlParameter());
                reads.BatchCommands.Add(command);
            }
            Add(reads, lines.Reads());
            Add(reads, records.Reads());
            await using var reader = await reads.ExecuteReaderAsync();
            foreach (var pending in ordered)
            {
                // Each state row answers its new version, or no row on a clash.
                pending.Version = await reader.ReadAsync() ? reader.GetInt32(0).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
                await reader.NextResultAsync();
            }
            await lines.ReadAsync(reader, CancellationToken.None);
            await records.ReadAsync(reader, CancellationToken.None);
        }
        if (ordered.FirstOrDefault(p => p.Version is null) is { } clash)
        {
            throw clash.Row.Clash(); // the whole group rolls back; WriteGroups runs each change again alone
        }

        var lineWrites = lines.Writes(); // before the counters: it moves them
        var appends = records.Appends();
        await using (var writes = new NpgsqlBatch(connection, transaction))
        {
            Add(writes, ordered.Select(p => p.Writes.Register).OfType<RegisterEntries>().SelectMany(RelationalFileRegister.Statements));
            Add(writes, lineWrites);
            var firstAppend = writes.BatchCommands.Count;
            Add(writes, appends);
            Add(writes, counts.Statements());
            if (writes.BatchCommands.Count > 0)
            {
                await writes.ExecuteNonQueryAsync();
                RelationalAuditLog.AppendGroup.Check(Enumerable.Range(firstAppend, appends.Count).Select(i => writes.BatchCommands[i].RecordsAffected));
            }
        }
        await transaction.CommitAsync();
    }

    private static void Add(NpgsqlBatch batch, IEnumerable<Statement> statements)
    {
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(statement.ToBatchCommand());
        }
    }
}

/// <summary>A change waiting for its group: its state row and side writes, and the version its group stored.</summary>
internal sealed class PendingChange(StateRow row, SideWrites writes)
{
    public StateRow Row { get; } = row;

    public SideWrites Writes { get; } = writes;

    /// <summary>Set by the group that stored it (a group re-run alone sets it again).</summary>
    public string? Version { get; set; }
}
