using System.Globalization;
using BranchArchive.Contracts.Audit;
using BranchArchive.Grains.Audit;
using BranchArchive.Persistence.Audit;

namespace BranchArchive.Testing;

/// <summary>
/// What someone with write access to the archive's database can do to its audit log: put the
/// append-only guards out of the way, then delete, edit and re-hash entries, delete checkpoints
/// and insert forged ones. Nothing here has the checkpoint key.
/// </summary>
public static class AuditTampering
{
    /// <summary>Deletes the chain's entries from <paramref name="chainSeq"/> on: its end cut off.</summary>
    public static Task DeleteEntriesFromAsync(TestStorage storage, string chain, long chainSeq) =>
        RunAsync(storage, $"DELETE FROM AuditLog WHERE {InChain(chain)} AND {Position(chain)} >= {chainSeq}");

    /// <summary>Deletes one entry of a chain.</summary>
    public static Task DeleteEntryAsync(TestStorage storage, string chain, long chainSeq) =>
        RunAsync(storage, $"DELETE FROM AuditLog WHERE {At(chain, chainSeq)}");

    /// <summary>Changes an entry's actor and leaves its hash: the entry no longer matches it.</summary>
    public static Task EditEntryAsync(TestStorage storage, string chain, long chainSeq, string actor) =>
        RunAsync(storage, $"UPDATE AuditLog SET Actor = '{actor}' WHERE {At(chain, chainSeq)}");

    /// <summary>Changes an entry's actor and gives it the hash that matches, as anyone can compute it (SHA-256 needs no key).</summary>
    public static async Task RewriteEntryAsync(TestStorage storage, string chain, long chainSeq, string actor)
    {
        var row = await ReadEntryAsync(storage, chain, chainSeq);
        var hash = AuditChain.Hash(chain, chainSeq, row.Record with { Actor = actor }, row.PrevHash);
        await RunAsync(storage, $"UPDATE AuditLog SET Actor = '{actor}', Hash = '{hash}' WHERE {At(chain, chainSeq)}");
    }

    public static Task DeleteCheckpointAsync(TestStorage storage, long number) =>
        RunAsync(storage, $"DELETE FROM AuditCheckpoint WHERE Number = {number}");

    /// <summary>
    /// Stores a checkpoint that claims the archive's key id and says the chain ends at
    /// <paramref name="head"/>, signed with a key of the attacker's own.
    /// </summary>
    public static async Task ForgeCheckpointAsync(TestStorage storage, long number, string keyId, AuditHead head, DateTimeOffset at)
    {
        using var own = new CheckpointKeys(CheckpointKeys.NewKeyPem(), []);
        var statement = CheckpointStatement.Write(number, at, keyId, [head]);
        await storage.ExecuteAsync("INSERT INTO AuditCheckpoint (Number, Statement, Signature) VALUES (@n, @s, @g)",
            ("@n", number), ("@s", statement), ("@g", own.Sign(statement)));
    }

    /// <summary>The position of a chain's last entry (0 when it has none).</summary>
    public static async Task<long> LastSeqAsync(TestStorage storage, string chain) =>
        Convert.ToInt64(await storage.ScalarAsync($"SELECT COALESCE(MAX({Position(chain)}), 0) FROM AuditLog WHERE {InChain(chain)}"),
            CultureInfo.InvariantCulture);

    /// <summary>The newest entry of the whole log (highest Seq): its chain, position there and hash.</summary>
    public static async Task<AuditHead> NewestAsync(TestStorage storage)
    {
        await using var database = storage.OpenDataSource();
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(Chain, 'main'), COALESCE(ChainSeq, Seq), Hash FROM AuditLog ORDER BY Seq DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new AuditHead(reader.GetString(0), reader.GetInt64(1), reader.GetString(2))
            : throw new InvalidOperationException("The audit log is empty.");
    }

    public static async Task<string> HashOfAsync(TestStorage storage, string chain, long chainSeq) =>
        (string)(await storage.ScalarAsync($"SELECT Hash FROM AuditLog WHERE {At(chain, chainSeq)}"))!;

    /// <summary>Chain main's entries (from before chains per shard) have no Chain and are numbered by Seq.</summary>
    private static string InChain(string chain) => chain == AuditHead.MainChain ? "Chain IS NULL" : $"Chain = '{chain}'";

    private static string Position(string chain) => chain == AuditHead.MainChain ? "Seq" : "ChainSeq";

    private static string At(string chain, long chainSeq) => $"{InChain(chain)} AND {Position(chain)} = {chainSeq}";

    private static async Task<(AuditRecord Record, string PrevHash)> ReadEntryAsync(TestStorage storage, string chain, long chainSeq)
    {
        await using var database = storage.OpenDataSource();
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EntryId, At, Actor, Roles, ActorBranch, Action, FileId, Branch, Outcome, Detail, RequestId, PrevHash " +
            $"FROM AuditLog WHERE {At(chain, chainSeq)}";
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException($"There is no audit entry {chainSeq} in chain {chain}.");
        }
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        var record = new AuditRecord(reader.GetString(0),
            DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            reader.GetString(2), reader.GetString(3), Text(4), reader.GetString(5), Text(6), Text(7), reader.GetString(8), Text(9), Text(10));
        return (record, reader.GetString(11));
    }

    /// <summary>The guards are triggers; the database's owner may drop or disable them.</summary>
    private static Task RunAsync(TestStorage storage, string sql) => storage.ExecuteAsync(storage.Kind == TestStorage.Postgres
        ? $"ALTER TABLE AuditLog DISABLE TRIGGER USER; ALTER TABLE AuditCheckpoint DISABLE TRIGGER USER; {sql};"
        : "DROP TRIGGER IF EXISTS AuditLog_NoUpdate; DROP TRIGGER IF EXISTS AuditLog_NoDelete; " +
          $"DROP TRIGGER IF EXISTS AuditCheckpoint_NoUpdate; DROP TRIGGER IF EXISTS AuditCheckpoint_NoDelete; {sql};");
}
