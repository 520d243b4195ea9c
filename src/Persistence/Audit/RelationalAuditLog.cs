using System.Data.Common;
using System.Globalization;
using System.Text;
using BranchArchive.Contracts.Audit;
using BranchArchive.Persistence.Writes;
namespace BranchArchive.Persistence.Audit;

/// <summary>
/// The audit log in the archive's database (SQLite or PostgreSQL), next to the grain state. The
/// SQL is the same for both; only how appends are made one-at-a-time differs.
/// </summary>
/// <param name="appendLock">
/// A statement run first in each append transaction to serialise appenders across processes
/// (PostgreSQL: an advisory lock). SQLite needs none: one writer holds the file at a time.
/// </param>
/// <param name="reads">Where queries and verification run (SQLite: its readers, outside the writer).</param>
/// <param name="writes">Where appends run (SQLite: the file's one writer).</param>
public sealed class RelationalAuditLog(DbDataSource reads, IDurableWrites writes, string? appendLock = null) : IAuditLog
{

    /// <summary>PostgreSQL: one transaction-scoped advisory lock for every appender in the cluster.</summary>
    public const string PostgresAppendLock = "SELECT pg_advisory_xact_lock(7310215)";

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }
        // One transaction appends the whole batch, as the only appender while it runs.
        await writes.RunAsync((connection, transaction, token) => AppendInAsync(connection, transaction, records, token), cancellationToken);
    }

    /// <summary>Appends inside the caller's transaction (which must be the only appender while it runs).</summary>
    internal async Task AppendInAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (appendLock is not null)
        {
            await using var locking = Command(connection, transaction, appendLock, []);
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }
        var (seq, hash) = await LastLink(connection, transaction, cancellationToken);
        foreach (var record in records)
        {
            // One statement both checks and appends: a record whose entry id is stored already
            // (appended again after a crash) inserts nothing, and the chain does not move on.
            var entryHash = AuditChain.Hash(seq + 1, record, hash);
            if (await InsertUnlessStored(connection, transaction, seq + 1, record, hash, entryHash, cancellationToken))
            {
                (seq, hash) = (seq + 1, entryHash);
            }
        }
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var where = new StringBuilder(" WHERE 1 = 1");
        var parameters = new List<(string, object)>();
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

        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var count = Command(connection, null, "SELECT COUNT(*) FROM AuditLog" + where, parameters);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await using var select = Command(connection, null,
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

    public async Task<AuditChainCheck> VerifyAsync(AuditHead? from, IReadOnlyCollection<AuditHead> anchors, CancellationToken cancellationToken = default)
    {
        // The heads checkpoints recorded for this chain: each of those entries must still be there with that hash.
        var vouched = anchors.Append(from).OfType<AuditHead>().Where(head => head.Chain == AuditHead.MainChain && head.Seq > 0)
            .GroupBy(head => head.Seq).ToDictionary(group => group.Key, group => group.First().Hash);
        // From a vouched-for entry on, its own link back is taken as it is: the checkpoint vouches for its hash.
        var (expectedSeq, previous) = from is { Seq: > 0 } start ? (start.Seq, (string?)null) : (1L, AuditChain.Genesis);
        var (checkedCount, lastVouched) = (0L, 0L);
        var head = from is { Seq: > 0 } ? from : new AuditHead(AuditHead.MainChain, 0, AuditChain.Genesis);

        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var select = Command(connection, null, $"SELECT {Columns}, PrevHash FROM AuditLog WHERE Seq >= @from ORDER BY Seq",
            [("@from", expectedSeq)]);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var entry = ReadEntry(reader);
            var linkedTo = reader.GetString(13);
            if (entry.Seq != expectedSeq)
            {
                return Broken(entry.Seq, $"Entry {entry.Seq} is broken: entry {expectedSeq} is missing.");
            }
            if (previous is not null && linkedTo != previous)
            {
                return Broken(entry.Seq, $"Entry {entry.Seq} is broken: it does not link to the entry before it.");
            }
            if (AuditChain.Hash(entry.Seq, ToRecord(entry, reader.GetString(12)), linkedTo) != entry.Hash)
            {
                return Broken(entry.Seq, $"Entry {entry.Seq} is broken: its content does not match its hash.");
            }
            if (vouched.TryGetValue(entry.Seq, out var signedHash))
            {
                if (signedHash != entry.Hash)
                {
                    // The chain holds together, so it was re-hashed after an edit somewhere since the last entry that still matches.
                    return Broken(lastVouched + 1, $"An entry from {lastVouched + 1} to {entry.Seq} was changed, removed or added and the chain " +
                        $"re-hashed: entry {entry.Seq} no longer has the hash a signed checkpoint recorded for it.");
                }
                lastVouched = entry.Seq;
            }
            (expectedSeq, previous, checkedCount) = (expectedSeq + 1, entry.Hash, checkedCount + 1);
            head = new AuditHead(AuditHead.MainChain, entry.Seq, entry.Hash);
        }
        var (lastSeq, signedEnd) = (expectedSeq - 1, vouched.Keys.DefaultIfEmpty(0).Max());
        return signedEnd > lastSeq
            ? Broken(lastSeq + 1, $"The log ends at entry {lastSeq}, but a signed checkpoint vouches for entries up to {signedEnd}: " +
                $"entries {lastSeq + 1} to {signedEnd} were removed.")
            : new AuditChainCheck(checkedCount, null, null, head);

        AuditChainCheck Broken(long seq, string problem) => new(checkedCount, seq, problem, head);
    }

    public async Task<bool> AppendCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        await writes.RunAsync(async (connection, transaction, token) =>
        {
            await using var command = Command(connection, transaction,
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
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var select = Command(connection, null,
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

    // Column order matters: ReadEntry reads by position; EntryId is at 12, and VerifyAsync adds PrevHash at 13.
    private const string Columns = "Seq, At, Actor, Roles, ActorBranch, Action, FileId, Branch, Outcome, Detail, RequestId, Hash, EntryId";

    private static AuditEntry ReadEntry(DbDataReader reader) => new(
        reader.GetInt64(0),
        DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        reader.GetString(2), reader.GetString(3), NullableString(reader, 4), reader.GetString(5), NullableString(reader, 6),
        NullableString(reader, 7), reader.GetString(8), NullableString(reader, 9), NullableString(reader, 10), reader.GetString(11));

    private static AuditRecord ToRecord(AuditEntry entry, string entryId) => new(
        entryId, entry.At, entry.Actor, entry.Roles, entry.ActorBranch, entry.Action, entry.FileId, entry.Branch,
        entry.Outcome, entry.Detail, entry.RequestId);

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task<(long Seq, string Hash)> LastLink(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT Seq, Hash FROM AuditLog ORDER BY Seq DESC LIMIT 1", []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.Genesis);
    }

    private static async Task<bool> InsertUnlessStored(DbConnection connection, DbTransaction transaction, long seq, AuditRecord record,
        string previousHash, string hash, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            """
            INSERT INTO AuditLog (Seq, EntryId, At, Actor, Roles, ActorBranch, Action, FileId, Branch, Outcome, Detail, RequestId, PrevHash, Hash)
            SELECT @seq, @entryId, @at, @actor, @roles, @actorBranch, @action, @fileId, @branch, @outcome, @detail, @requestId, @prevHash, @hash
            WHERE NOT EXISTS (SELECT 1 FROM AuditLog WHERE EntryId = @entryId)
            """,
            [
                ("@seq", seq), ("@entryId", record.EntryId), ("@at", AuditChain.Timestamp(record.At)), ("@actor", record.Actor),
                ("@roles", record.Roles), ("@actorBranch", (object?)record.ActorBranch ?? DBNull.Value), ("@action", record.Action),
                ("@fileId", (object?)record.FileId ?? DBNull.Value), ("@branch", (object?)record.Branch ?? DBNull.Value),
                ("@outcome", record.Outcome), ("@detail", (object?)record.Detail ?? DBNull.Value),
                ("@requestId", (object?)record.RequestId ?? DBNull.Value), ("@prevHash", previousHash), ("@hash", hash),
            ]);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string Name, object Value)> parameters) =>
        DbCommands.Create(connection, transaction, sql, parameters.Select(p => (p.Name, (object?)p.Value)));
}
