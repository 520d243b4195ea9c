using System.Data.Common;
using BranchArchive.Contracts.Audit;

namespace BranchArchive.Persistence.Audit;

/// <summary>A PostgreSQL group's audit records, appended in a constant number of round trips.</summary>
public sealed partial class RelationalAuditLog
{
    internal AppendGroup Group(IReadOnlyList<AuditRecord> records) => new(this, records);

    /// <summary>
    /// The audit records of one PostgreSQL group of changes (<c>PostgresChangeGroup</c>), appended as
    /// <see cref="AppendInAsync"/> appends them but in two round trips however many there are:
    /// <see cref="Reads"/> takes the locks of the chains they go to (ascending shard order), then
    /// reads each chain's last link and which of the records are stored already (appended again
    /// after a crash: skipped, their chain does not move on); <see cref="Appends"/> links the rest
    /// here. Under the chain locks nobody else appends to these chains, so each insert must store
    /// its row: <see cref="Check"/> fails the group if one did not.
    /// </summary>
    internal sealed class AppendGroup
    {
        private readonly RelationalAuditLog _log;
        private readonly IReadOnlyList<AuditRecord> _records;
        private readonly List<IGrouping<int, AuditRecord>> _chains;
        private readonly Dictionary<int, (long Seq, string Hash)> _heads = [];
        private readonly HashSet<string> _stored = new(StringComparer.Ordinal);

        public AppendGroup(RelationalAuditLog log, IReadOnlyList<AuditRecord> records)
        {
            (_log, _records) = (log, records);
            _chains = [.. records.GroupBy(log.ShardOf).OrderBy(chain => chain.Key)];
        }

        public IEnumerable<Statement> Reads()
        {
            if (_log._chainLock is { } chainLock)
            {
                foreach (var chain in _chains)
                {
                    yield return new(chainLock, [("@shard", chain.Key)]);
                }
            }
            foreach (var chain in _chains)
            {
                yield return new(LastLinkQuery, [("@chain", _log._shardChains[chain.Key])]);
            }
            if (_records.Count > 0)
            {
                yield return new("SELECT EntryId FROM AuditLog WHERE EntryId = ANY(@ids)", [("@ids", _records.Select(r => r.EntryId).Distinct().ToArray())]);
            }
        }

        /// <summary>Reads the results of <see cref="Reads"/>, the reader at the first of them; leaves it at the result after them.</summary>
        public async Task ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
        {
            if (_log._chainLock is not null)
            {
                foreach (var _ in _chains)
                {
                    await reader.NextResultAsync(cancellationToken); // a lock answers nothing worth reading
                }
            }
            foreach (var chain in _chains)
            {
                _heads[chain.Key] = await ReadLastLinkAsync(reader, cancellationToken);
                await reader.NextResultAsync(cancellationToken);
            }
            if (_records.Count > 0)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    _stored.Add(reader.GetString(0));
                }
                await reader.NextResultAsync(cancellationToken);
            }
        }

        /// <summary>The inserts of the records not stored yet, each chain's in their order, each linked to the one before.</summary>
        public List<Statement> Appends()
        {
            var inserts = new List<Statement>();
            foreach (var chain in _chains)
            {
                var name = _log._shardChains[chain.Key];
                var (seq, hash) = _heads[chain.Key];
                foreach (var record in chain.Where(r => _stored.Add(r.EntryId)))
                {
                    var entryHash = AuditChain.Hash(name, seq + 1, record, hash);
                    inserts.Add(Insert(name, seq + 1, record, hash, entryHash));
                    (seq, hash) = (seq + 1, entryHash);
                }
            }
            return inserts;
        }

        /// <summary>
        /// Each insert stored its row (its count of rows written, in order). One that did not found
        /// its EntryId stored meanwhile outside this chain's lock (a silo with another number of
        /// chains): the links after it would be wrong, so the group fails and is run again.
        /// </summary>
        public static void Check(IEnumerable<int> inserted)
        {
            if (inserted.Any(rows => rows != 1))
            {
                throw new InvalidOperationException("An audit record was stored meanwhile by an appender outside its chain's lock; the group is rolled back.");
            }
        }
    }
}
