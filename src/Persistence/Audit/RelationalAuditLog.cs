using System.Data.Common;
using System.Globalization;
using System.Text;
using BranchArchive.Contracts.Audit;
using BranchArchive.Persistence.Chains;
using BranchArchive.Persistence.Writes;

namespace BranchArchive.Persistence.Audit;

/// <summary>
/// The audit log in the archive's database (SQLite or PostgreSQL), next to the grain state, the
/// same SQL for both. It is kept in a few hash chains (shards, <c>audit-0</c>…): a record goes to
/// its file's chain (<see cref="Shards"/>), or its actor's when it names no file, so one file's
/// entries stay in one chain, in order. Each chain has its own numbering (ChainSeq) and, on
/// PostgreSQL, its own lock, so appends to different chains commit in parallel across the cluster;
/// Seq, from the store (a sequence, SQLite's rowid), orders the whole log for queries. The entries
/// written before chains per shard stay where they are: chain <c>main</c>, numbered by Seq.
/// </summary>
/// <param name="groupHere">
/// Group standalone appends per chain in this process (PostgreSQL: one transaction, one lock and
/// one commit for what queued meanwhile). False where <paramref name="writes"/> groups already
/// (SQLite's one writer commits every unit queued meanwhile together).
/// </param>
/// <param name="chainLock">
/// A statement run first in each append to a chain, given <c>@shard</c>, that makes the appender
/// the only one of that chain across processes (PostgreSQL: an advisory lock per chain). SQLite
/// needs none: one writer holds the file at a time.
/// </param>
public sealed partial class RelationalAuditLog : IAuditLog
{
    /// <summary>PostgreSQL: one transaction-scoped advisory lock per chain (the two-key space: no clash with the old global lock 7310215).</summary>
    public const string PostgresChainLock = "SELECT pg_advisory_xact_lock(7310215, @shard)";

    private readonly DbDataSource _reads;
    private readonly IDurableWrites _writes;
    private readonly string? _chainLock;
    private readonly string[] _shardChains;
    private readonly WriteGroups<IReadOnlyList<AuditRecord>>[]? _groups;

    public RelationalAuditLog(DbDataSource reads, IDurableWrites writes, int shards, bool groupHere, string? chainLock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        (_reads, _writes, _chainLock) = (reads, writes, chainLock);
        _shardChains = [.. Enumerable.Range(0, shards).Select(ChainName)];
        Chains = [AuditHead.MainChain, .. _shardChains];
        _groups = groupHere
            ? [.. Enumerable.Range(0, shards).Select(shard => new WriteGroups<IReadOnlyList<AuditRecord>>(group => WriteGroupAsync(shard, [.. group.SelectMany(records => records)], CancellationToken.None)))]
            : null;
    }

    public static string ChainName(int shard) => $"audit-{shard.ToString(CultureInfo.InvariantCulture)}";

    public IReadOnlyList<string> Chains { get; }

    /// <summary>
    /// Per chain, in its own transaction (a call's records of different chains may commit apart;
    /// each is idempotent by its EntryId, so a caller that failed sends them all again).
    /// </summary>
    public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default) =>
        Task.WhenAll(records.GroupBy(ShardOf).Select(chain => _groups is null
            ? WriteGroupAsync(chain.Key, [.. chain], cancellationToken)
            : _groups[chain.Key].WriteAsync([.. chain], cancellationToken)));

    /// <summary>
    /// Appends inside the caller's transaction (a change's own, with its state): takes the locks of
    /// the chains the records go to, in ascending shard order (so two appenders never wait for each
    /// other crosswise), then appends each chain's records in their order. A record whose EntryId is
    /// stored already (appended again after a crash) is skipped and its chain does not move on.
    /// </summary>
    internal async Task AppendInAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        var chains = records.GroupBy(ShardOf).OrderBy(chain => chain.Key).ToList();
        foreach (var chain in chains)
        {
            await ChainLocks.TakeAsync(connection, transaction, _chainLock, chain.Key, cancellationToken);
        }
        foreach (var chain in chains)
        {
            var name = _shardChains[chain.Key];
            var (seq, hash) = await LastLinkAsync(connection, transaction, name, cancellationToken);
            foreach (var record in chain)
            {
                var entryHash = AuditChain.Hash(name, seq + 1, record, hash);
                if (await InsertUnlessStoredAsync(connection, transaction, name, seq + 1, record, hash, entryHash, cancellationToken))
                {
                    (seq, hash) = (seq + 1, entryHash);
                }
            }
        }
    }

    /// <summary>A file's entries stay in one chain (its history reads in order); others go by who acted.</summary>
    private int ShardOf(AuditRecord record) => Shards.Of(record.FileId ?? record.Actor, _shardChains.Length);

    private Task WriteGroupAsync(int shard, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
        AuditLogMetrics.Groups.WriteGroupAsync(_shardChains[shard], records.Count,
            () => _writes.RunAsync((connection, transaction, token) => AppendInAsync(connection, transaction, records, token), cancellationToken));

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var where = new StringBuilder(" WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        void Filter(string condition, string name, object? value)
        {
            if (value is not null)
            {
                where.Append(" AND ").Append(condition);
                parameters.Add((name, value));
            }
        }
        Filter("FileId = @fileId", "@fileId", query.FileId);
        Filter("Actor = @actor", "@actor", query.Actor);
        Filter("Action = @action", "@action", query.Action);
        Filter("Outcome = @outcome", "@outcome", query.Outcome);
        Filter("(Branch = @branch OR ActorBranch = @branch)", "@branch", query.Branch);
        Filter("At >= @from", "@from", query.From is { } from ? AuditChain.Timestamp(from) : null);
        Filter("At <= @to", "@to", query.To is { } to ? AuditChain.Timestamp(to) : null);

        await using var connection = await _reads.OpenConnectionAsync(cancellationToken);
        await using var count = DbCommands.Create(connection, null, "SELECT COUNT(*) FROM AuditLog" + where, parameters);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await using var select = DbCommands.Create(connection, null,
            $"SELECT {Columns} FROM AuditLog{where} ORDER BY Seq{(query.NewestFirst ? " DESC" : "")} LIMIT @limit OFFSET @offset",
            [.. parameters, ("@limit", query.PageSize), ("@offset", (long)(query.Page - 1) * query.PageSize)]);
        var items = new List<AuditEntry>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadEntry(reader));
        }
        return new AuditPage(total, query.Page, query.PageSize, items);
    }

    public async Task<AuditChainCheck> VerifyAsync(string chain, AuditHead? from, IReadOnlyCollection<AuditHead> anchors,
        CancellationToken cancellationToken = default)
    {
        if (!Chains.Contains(chain))
        {
            throw new ArgumentException($"The audit log has no chain {chain}.", nameof(chain));
        }
        // From a vouched-for entry on, its own link back is taken as it is: the checkpoint vouches for its hash.
        var walk = from is { Seq: > 0 } start
            ? new ChainWalk(chain, start.Seq, null, start.Hash, [start, .. anchors])
            : new ChainWalk(chain, 1, AuditChain.Genesis, null, anchors);
        var (rows, position) = InChain(chain);
        await using var connection = await _reads.OpenConnectionAsync(cancellationToken);
        await using var select = DbCommands.Create(connection, null,
            $"SELECT {Columns}, PrevHash FROM AuditLog WHERE {rows} AND {position} >= @from ORDER BY {position}",
            chain == AuditHead.MainChain ? [("@from", walk.Next)] : [("@chain", chain), ("@from", walk.Next)]);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var entry = ReadEntry(reader);
            var linkedTo = reader.GetString(Ordinals.PrevHash);
            var recomputed = AuditChain.Hash(chain, entry.ChainSeq, ToRecord(entry, reader.GetString(Ordinals.EntryId)), linkedTo);
            if (!walk.Take(entry.ChainSeq, linkedTo, entry.Hash, recomputed))
            {
                break;
            }
        }
        return walk.End();
    }

    public async Task<long> EntriesOutsideChainsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _reads.OpenConnectionAsync(cancellationToken);
        await using var count = DbCommands.Create(connection, null,
            $"SELECT COUNT(*) FROM AuditLog WHERE Chain IS NOT NULL AND (ChainSeq IS NULL OR Chain NOT IN ({string.Join(", ", _shardChains.Select((_, i) => $"@c{i}"))}))",
            _shardChains.Select((chain, i) => ($"@c{i}", (object?)chain)));
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<bool> AppendCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        await _writes.RunAsync(async (connection, transaction, token) =>
        {
            await using var command = DbCommands.Create(connection, transaction,
                """
                INSERT INTO AuditCheckpoint (Number, Statement, Signature)
                SELECT @number, @statement, @signature
                WHERE NOT EXISTS (SELECT 1 FROM AuditCheckpoint WHERE Number = @number)
                """,
                [("@number", checkpoint.Number), ("@statement", checkpoint.Statement), ("@signature", checkpoint.Signature)]);
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);

    public async Task<IReadOnlyList<SignedCheckpoint>> CheckpointsAsync(bool latestOnly, CancellationToken cancellationToken = default)
    {
        await using var connection = await _reads.OpenConnectionAsync(cancellationToken);
        await using var select = DbCommands.Create(connection, null,
            latestOnly
                ? "SELECT Number, Statement, Signature FROM AuditCheckpoint ORDER BY Number DESC LIMIT 1"
                : "SELECT Number, Statement, Signature FROM AuditCheckpoint ORDER BY Number", []);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var checkpoints = new List<SignedCheckpoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            checkpoints.Add(new SignedCheckpoint(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }
        return checkpoints;
    }

    /// <summary>
    /// A chain's rows and their position in it: <c>main</c>'s entries have no Chain and are
    /// numbered by Seq (each store's partial index on Seq where Chain is null finds them);
    /// a shard's by (Chain, ChainSeq).
    /// </summary>
    private static (string Rows, string Position) InChain(string chain) =>
        chain == AuditHead.MainChain ? ("Chain IS NULL", "Seq") : ("Chain = @chain", "ChainSeq");

    // Column order matters: ReadEntry reads by position (see Ordinals).
    private const string Columns = "Seq, At, Actor, Roles, ActorBranch, Action, FileId, Branch, Outcome, Detail, RequestId, Hash, EntryId, Chain, ChainSeq";

    private static class Ordinals
    {
        public const int EntryId = 12;
        public const int PrevHash = 15;
    }

    private static AuditEntry ReadEntry(DbDataReader reader) => new(
        reader.GetInt64(0),
        DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        reader.GetString(2), reader.GetString(3), Text(reader, 4), reader.GetString(5), Text(reader, 6),
        Text(reader, 7), reader.GetString(8), Text(reader, 9), Text(reader, 10), reader.GetString(11),
        Text(reader, 13) ?? AuditHead.MainChain, reader.IsDBNull(14) ? reader.GetInt64(0) : reader.GetInt64(14));

    private static AuditRecord ToRecord(AuditEntry entry, string entryId) => new(
        entryId, entry.At, entry.Actor, entry.Roles, entry.ActorBranch, entry.Action, entry.FileId, entry.Branch,
        entry.Outcome, entry.Detail, entry.RequestId);

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task<(long Seq, string Hash)> LastLinkAsync(DbConnection connection, DbTransaction transaction, string chain,
        CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, LastLinkQuery, [("@chain", chain)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadLastLinkAsync(reader, cancellationToken);
    }

    private const string LastLinkQuery = "SELECT ChainSeq, Hash FROM AuditLog WHERE Chain = @chain ORDER BY ChainSeq DESC LIMIT 1";

    /// <summary>The chain's last link as <see cref="LastLinkQuery"/> answers it, or the start of an empty chain.</summary>
    private static async Task<(long Seq, string Hash)> ReadLastLinkAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.Genesis);

    /// <summary>One statement both checks and appends: a record whose EntryId is stored already inserts nothing. Seq comes from the store.</summary>
    private static async Task<bool> InsertUnlessStoredAsync(DbConnection connection, DbTransaction transaction, string chain, long chainSeq,
        AuditRecord record, string previousHash, string hash, CancellationToken cancellationToken) =>
        await Insert(chain, chainSeq, record, previousHash, hash).ExecuteAsync(connection, transaction, cancellationToken) == 1;

    private static Statement Insert(string chain, long chainSeq, AuditRecord record, string previousHash, string hash) => new(
        """
        INSERT INTO AuditLog (EntryId, At, Actor, Roles, ActorBranch, Action, FileId, Branch, Outcome, Detail, RequestId, Chain, ChainSeq, PrevHash, Hash)
        SELECT @entryId, @at, @actor, @roles, @actorBranch, @action, @fileId, @branch, @outcome, @detail, @requestId, @chain, @chainSeq, @prevHash, @hash
        WHERE NOT EXISTS (SELECT 1 FROM AuditLog WHERE EntryId = @entryId)
        """,
        [
            ("@entryId", record.EntryId), ("@at", AuditChain.Timestamp(record.At)), ("@actor", record.Actor),
            ("@roles", record.Roles), ("@actorBranch", record.ActorBranch), ("@action", record.Action),
            ("@fileId", record.FileId), ("@branch", record.Branch), ("@outcome", record.Outcome), ("@detail", record.Detail),
            ("@requestId", record.RequestId), ("@chain", chain), ("@chainSeq", chainSeq), ("@prevHash", previousHash), ("@hash", hash),
        ]);
}
