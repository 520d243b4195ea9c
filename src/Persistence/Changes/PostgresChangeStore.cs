using BranchArchive.Contracts.Storage;
using BranchArchive.Persistence.Audit;
using BranchArchive.Persistence.Writes;
using Npgsql;

namespace BranchArchive.Persistence.Changes;

/// <summary>
/// PostgreSQL: the changes queued in this process meanwhile commit together, one transaction per
/// group and per audit shard (<see cref="Shards"/>), so groups of different shards commit in
/// parallel; each group in a constant number of round trips (<see cref="PostgresChangeGroup"/>).
/// A group with a version clash fails as a whole and <see cref="WriteGroups{T}"/> runs its changes
/// again one by one: only the clashing caller fails.
/// </summary>
internal sealed class PostgresChangeStore : IChangeStore
{
    private readonly string _serviceId;
    private readonly WriteGroups<PendingChange>[] _shards;

    public PostgresChangeStore(NpgsqlDataSource database, RelationalAuditLog audit, string serviceId, int shards)
    {
        _serviceId = serviceId;
        var groups = new PostgresChangeGroup(database, audit, new WriteQuery(database));
        _shards = [.. Enumerable.Range(0, shards).Select(shard => new WriteGroups<PendingChange>(group =>
            ChangeStoreMetrics.Groups.WriteGroupAsync(RelationalAuditLog.ChainName(shard), group.Count, () => groups.CommitAsync(shard, group))))];
    }

    public async Task<string> CommitAsync<TState>(StateChange<TState> change, CancellationToken cancellationToken = default)
    {
        var row = StateRow.Of(_serviceId, change);
        var pending = new PendingChange(row, change.SideWrites);
        await _shards[Shards.Of(row.Extension ?? row.N1.ToString(System.Globalization.CultureInfo.InvariantCulture), _shards.Length)]
            .WriteAsync(pending, cancellationToken);
        return pending.Version!;
    }
}
