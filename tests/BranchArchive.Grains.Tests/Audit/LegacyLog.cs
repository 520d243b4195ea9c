using BranchArchive.Contracts.Audit;
using BranchArchive.Grains.Audit;
using BranchArchive.Persistence.Audit;
using BranchArchive.Testing;

namespace BranchArchive.Grains.Tests.Audit;

/// <summary>
/// An audit log as the archive wrote it before chains per shard: entries 1, 2, 3… in the one chain
/// main (no Chain, no ChainSeq, hashed over their Seq), and a checkpoint signed over its head.
/// </summary>
public static class LegacyLog
{
    public static async Task<AuditHead> WriteAsync(TestStorage storage, int entries, string signingKeyPem)
    {
        await storage.ApplySchemaAsync();
        var previous = AuditChain.Genesis;
        for (var seq = 1L; seq <= entries; seq++)
        {
            var record = new AuditRecord($"legacy-{seq}", DateTimeOffset.UtcNow, "old.clerk", "clerk", "SH01", AuditActions.CheckOut,
                $"legacy-file-{seq}", "SH01", "Ok", "before chains per shard", "request");
            var hash = AuditChain.Hash(seq, record, previous);
            await storage.ExecuteAsync(
                "INSERT INTO AuditLog (Seq, EntryId, At, Actor, Roles, ActorBranch, Action, FileId, Branch, Outcome, Detail, RequestId, PrevHash, Hash) " +
                "VALUES (@seq, @id, @at, @actor, @roles, @actorBranch, @action, @fileId, @branch, @outcome, @detail, @requestId, @prev, @hash)",
                ("@seq", seq), ("@id", record.EntryId), ("@at", AuditChain.Timestamp(record.At)), ("@actor", record.Actor), ("@roles", record.Roles),
                ("@actorBranch", record.ActorBranch!), ("@action", record.Action), ("@fileId", record.FileId!), ("@branch", record.Branch!),
                ("@outcome", record.Outcome), ("@detail", record.Detail!), ("@requestId", record.RequestId!), ("@prev", previous), ("@hash", hash));
            previous = hash;
        }
        var head = new AuditHead(AuditHead.MainChain, entries, previous);
        using var keys = new CheckpointKeys(signingKeyPem, []);
        var statement = CheckpointStatement.Write(1, DateTimeOffset.UtcNow, keys.SigningKeyId, [head]);
        await storage.ExecuteAsync("INSERT INTO AuditCheckpoint (Number, Statement, Signature) VALUES (1, @s, @g)",
            ("@s", statement), ("@g", keys.Sign(statement)));
        // Written by an older build: the next silo runs this build's scripts over it (PostgreSQL would skip them for its own).
        await storage.ForgetAppliedSchemaAsync();
        return head;
    }
}
