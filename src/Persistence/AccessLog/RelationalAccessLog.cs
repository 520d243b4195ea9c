using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Audit;
using BranchArchive.Persistence.Audit;
using BranchArchive.Persistence.Chains;
using BranchArchive.Persistence.Writes;

namespace BranchArchive.Persistence.AccessLog;

/// <summary>
/// The access log in the archive's database (SQLite or PostgreSQL), the same SQL for both. Records
/// go to one of a few chains (shards) by file, or by person for an export; per chain, the records
/// that arrive while a group is being written wait and go together in the next group: one
/// transaction, one read of the chain's end and one commit for many reads. Each caller is answered
/// only once its group has committed.
/// </summary>
/// <param name="groupHere">
/// Group records in this process before they reach <paramref name="writes"/> (PostgreSQL: one
/// transaction per group). False where <paramref name="writes"/> groups already (SQLite's one
/// writer commits every unit queued meanwhile together, reads' records and changes alike); a
/// second grouping there would only make a record that just missed a group wait for two commits.
/// </param>
/// <param name="chainLock">
/// A statement run first in each append to a chain, given <c>@shard</c>, that makes the appender
/// the only one of that chain across processes (PostgreSQL: an advisory lock per chain). SQLite
/// needs none: one writer holds the file at a time.
/// </param>
public sealed class RelationalAccessLog : IAccessLog
{
    public const string PostgresChainLock = "SELECT pg_advisory_xact_lock(7310216, @shard)";

    private readonly DbDataSource _reads;
    private readonly IDurableWrites _writes;
    private readonly string? _chainLock;
    private readonly WriteGroups<AccessRecord>[]? _groups;

    public RelationalAccessLog(DbDataSource reads, IDurableWrites writes, int shards, bool groupHere, string? chainLock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        (_reads, _writes, _chainLock) = (reads, writes, chainLock);
        Chains = [.. Enumerable.Range(0, shards).Select(ChainName)];
        _groups = groupHere ? [.. Enumerable.Range(0, shards).Select(shard => new WriteGroups<AccessRecord>(group => WriteGroupAsync(shard, group)))] : null;
    }

    public static string ChainName(int shard) => $"access-{shard.ToString(CultureInfo.InvariantCulture)}";

    public IReadOnlyList<string> Chains { get; }

    public Task RecordAsync(AccessRecord record, CancellationToken cancellationToken = default) =>
        _groups is null ? WriteGroupAsync(ShardOf(record), [record]) : _groups[ShardOf(record)].WriteAsync(record, cancellationToken);

    /// <summary>A file's reads stay in one chain (its history reads in order); an export goes by who made it.</summary>
    private int ShardOf(AccessRecord record) => Shards.Of(record.FileId ?? record.Subject, Chains.Count);

    private Task WriteGroupAsync(int shard, IReadOnlyList<AccessRecord> records)
    {
        var chain = Chains[shard];
        return AccessLogMetrics.Groups.WriteGroupAsync(chain, records.Count, () => _writes.RunAsync(async (connection, transaction, token) =>
        {
            await ChainLocks.TakeAsync(connection, transaction, _chainLock, shard, token);
            var (seq, hash) = await LastLinkAsync(connection, transaction, chain, token);
            foreach (var record in records)
            {
                var entryHash = AccessChain.Hash(chain, seq + 1, record, hash);
                await InsertAsync(connection, transaction, chain, seq + 1, record, hash, entryHash, token);
                (seq, hash) = (seq + 1, entryHash);
            }
        }));
    }

    public async Task<AccessPage> QueryAsync(AccessLogQuery query, CancellationToken cancellationToken = default)
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
        Filter("FileNumber = @fileNumber", "@fileNumber", query.FileNumber);
        Filter("Subject = @subject", "@subject", query.Subject);
        Filter("Kind = @kind", "@kind", query.Kind);
        Filter("FileBranch = @fileBranch", "@fileBranch", query.FileBranch);
        Filter("At >= @from", "@from", query.From is { } from ? AuditChain.Timestamp(from) : null);
        Filter("At <= @to", "@to", query.To is { } to ? AuditChain.Timestamp(to) : null);

        await using var connection = await _reads.OpenConnectionAsync(cancellationToken);
        await using var count = DbCommands.Create(connection, null, "SELECT COUNT(*) FROM AccessLog" + where, parameters);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await using var select = DbCommands.Create(connection, null,
            $"SELECT {Columns} FROM AccessLog{where} ORDER BY At DESC, Chain, Seq DESC LIMIT @limit OFFSET @offset",
            [.. parameters, ("@limit", query.PageSize), ("@offset", (long)(query.Page - 1) * query.PageSize)]);
        var items = new List<AccessEntry>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadEntry(reader));
        }
        return new AccessPage(total, query.Page, query.PageSize, items);
    }

    public async Task<AuditChainCheck> VerifyAsync(string chain, AuditHead? from, IReadOnlyCollection<AuditHead> anchors,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await _reads.OpenConnectionAsync(cancellationToken);
        var start = await StartAsync(connection, null, chain, cancellationToken);
        // Verification goes on from the latest purge (what lies before it is gone by design), or
        // from a head a valid checkpoint vouches for, whichever is later.
        var (expectedSeq, previous) = from is { Seq: > 0 } given && given.Seq >= start.FromSeq
            ? (given.Seq, (string?)null)
            : (start.FromSeq, start.PrevHash);
        var walk = new ChainWalk(chain, expectedSeq, previous, from?.Hash, anchors.Append(from).OfType<AuditHead>());

        await using var select = DbCommands.Create(connection, null,
            $"SELECT {Columns}, PrevHash FROM AccessLog WHERE Chain = @chain AND Seq >= @from ORDER BY Seq",
            [("@chain", chain), ("@from", Math.Min(expectedSeq, start.FromSeq))]);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var entry = ReadEntry(reader);
            var linkedTo = reader.GetString(Ordinals.PrevHash);
            if (entry.Seq < walk.Next)
            {
                continue; // before the checkpoint's head: that checkpoint vouches for it
            }
            if (!walk.Take(entry.Seq, linkedTo, entry.Hash, AccessChain.Hash(chain, entry.Seq, entry.Record, linkedTo)))
            {
                break;
            }
        }
        return walk.End();
    }

    public async Task<IReadOnlyList<AuditHead>> StartsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _reads.OpenConnectionAsync(cancellationToken);
        var starts = new List<AuditHead>();
        foreach (var chain in Chains)
        {
            var (fromSeq, prevHash) = await StartAsync(connection, null, chain, cancellationToken);
            if (fromSeq > 1)
            {
                starts.Add(new AuditHead(chain, fromSeq, prevHash));
            }
        }
        return starts;
    }

    public async Task<AccessPurgeResult> PurgeAsync(DateTimeOffset cutOff, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var (removed, starts) = (0L, new List<AuditHead>());
        for (var shard = 0; shard < Chains.Count; shard++)
        {
            var chain = Chains[shard];
            var (count, start) = await _writes.RunAsync(async (connection, transaction, token) =>
            {
                // Under the chain's lock, so no group appends while its start moves.
                await ChainLocks.TakeAsync(connection, transaction, _chainLock, shard, token);
                await using var last = DbCommands.Create(connection, transaction,
                    "SELECT Seq, Hash FROM AccessLog WHERE Chain = @chain AND Seq = (SELECT MAX(Seq) FROM AccessLog WHERE Chain = @chain AND At < @cutOff)",
                    [("@chain", chain), ("@cutOff", AuditChain.Timestamp(cutOff))]);
                long lastGone;
                string lastHash;
                await using (var reader = await last.ExecuteReaderAsync(token))
                {
                    if (!await reader.ReadAsync(token))
                    {
                        return (0L, (AuditHead?)null);
                    }
                    (lastGone, lastHash) = (reader.GetInt64(0), reader.GetString(1));
                }
                await using var marker = DbCommands.Create(connection, transaction,
                    "INSERT INTO AccessLogStart (Chain, FromSeq, PrevHash, CutOff, PurgedAt) VALUES (@chain, @fromSeq, @prevHash, @cutOff, @at)",
                    [("@chain", chain), ("@fromSeq", lastGone + 1), ("@prevHash", lastHash), ("@cutOff", AuditChain.Timestamp(cutOff)),
                     ("@at", AuditChain.Timestamp(at))]);
                await marker.ExecuteNonQueryAsync(token);
                await using var delete = DbCommands.Create(connection, transaction,
                    "DELETE FROM AccessLog WHERE Chain = @chain AND Seq <= @lastGone", [("@chain", chain), ("@lastGone", lastGone)]);
                var deleted = await delete.ExecuteNonQueryAsync(token);
                return ((long)deleted, new AuditHead(chain, lastGone + 1, lastHash));
            }, cancellationToken);
            removed += count;
            if (start is not null)
            {
                starts.Add(start);
            }
        }
        AccessLogMetrics.Removed(removed);
        return new AccessPurgeResult(removed, starts);
    }

    /// <summary>The chain's last entry; after a purge that removed every entry, the start the purge recorded.</summary>
    private static async Task<(long Seq, string Hash)> LastLinkAsync(DbConnection connection, DbTransaction transaction, string chain,
        CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction,
            "SELECT Seq, Hash FROM AccessLog WHERE Chain = @chain ORDER BY Seq DESC LIMIT 1", [("@chain", chain)]);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                return (reader.GetInt64(0), reader.GetString(1));
            }
        }
        var start = await StartAsync(connection, transaction, chain, cancellationToken);
        return (start.FromSeq - 1, start.PrevHash);
    }

    /// <summary>Where the chain starts: after its latest purge, or at entry 1.</summary>
    private static async Task<(long FromSeq, string PrevHash)> StartAsync(DbConnection connection, DbTransaction? transaction, string chain,
        CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction,
            "SELECT FromSeq, PrevHash FROM AccessLogStart WHERE Chain = @chain ORDER BY FromSeq DESC LIMIT 1", [("@chain", chain)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (1, AuditChain.Genesis);
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, string chain, long seq, AccessRecord record,
        string previousHash, string hash, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction,
            """
            INSERT INTO AccessLog (Chain, Seq, At, Subject, Roles, ActorBranch, Kind, FileId, FileNumber, FileBranch, Purpose, Query, Rows, RequestId, PrevHash, Hash)
            VALUES (@chain, @seq, @at, @subject, @roles, @actorBranch, @kind, @fileId, @fileNumber, @fileBranch, @purpose, @query, @rows, @requestId, @prevHash, @hash)
            """,
            [
                ("@chain", chain), ("@seq", seq), ("@at", AuditChain.Timestamp(record.At)), ("@subject", record.Subject), ("@roles", record.Roles),
                ("@actorBranch", record.ActorBranch), ("@kind", record.Kind), ("@fileId", record.FileId), ("@fileNumber", record.FileNumber),
                ("@fileBranch", record.FileBranch), ("@purpose", record.Purpose), ("@query", record.Query), ("@rows", record.Rows),
                ("@requestId", record.RequestId), ("@prevHash", previousHash), ("@hash", hash),
            ]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string Columns = "Chain, Seq, At, Subject, Roles, ActorBranch, Kind, FileId, FileNumber, FileBranch, Purpose, Query, Rows, RequestId, Hash";

    private static class Ordinals
    {
        public const int PrevHash = 15;
    }

    private static AccessEntry ReadEntry(DbDataReader reader) => new(
        reader.GetString(0), reader.GetInt64(1),
        new AccessRecord(
            DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            reader.GetString(3), reader.GetString(4), Text(reader, 5), reader.GetString(6), Text(reader, 7), Number(reader, 8), Text(reader, 9),
            Text(reader, 10), Text(reader, 11), Number(reader, 12), Text(reader, 13)),
        reader.GetString(14));

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long? Number(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
