using System.Security.Cryptography;
using System.Text;
using BranchArchive.Contracts.Audit;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Audit;

/// <summary>
/// Signed checkpoints make the end of the audit log tamper-evident: the tests edit the database
/// as someone with write access to it could (without the checkpoint key) and expect verification
/// to say so.
/// </summary>
public sealed class AuditCheckpointTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task An_intact_log_verifies_with_its_head_and_a_checkpoint_an_auditor_checks_with_the_public_key_alone(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        await WriteEntries(archive);
        var checkpoint = (await Checkpoints(archive).Write(Archive.Auditor)).AssertSucceeded();

        var verdict = await Verify(archive);

        Assert.True(verdict.Intact, verdict.Problem);
        // One head per chain of the audit log (main, then one per shard); the newest entry is its chain's head.
        var silo = archive.Cluster.GetSiloServiceProvider();
        Assert.Equal(silo.GetRequiredService<IAuditLog>().Chains, verdict.Heads.Select(h => h.Chain));
        var newest = await AuditTampering.NewestAsync(storage);
        Assert.Equal(newest, verdict.Heads.Single(h => h.Chain == newest.Chain));
        Assert.Equal((checkpoint.Number, checkpoint.Statement, checkpoint.Signature),
            (verdict.Checkpoint!.Number, verdict.Checkpoint.Statement, verdict.Checkpoint.Signature));
        // The checkpoint covers every chain of both logs, as they were when it was written; the entry recording the request came after.
        Assert.Equal([.. silo.GetRequiredService<IAuditLog>().Chains, .. silo.GetRequiredService<Contracts.AccessLog.IAccessLog>().Chains],
            checkpoint.Heads.Select(h => h.Chain));
        Assert.Equal(newest.Seq - 1, checkpoint.Heads.Single(h => h.Chain == newest.Chain).Seq);
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(archive.Cluster.GetSiloServiceProvider().GetRequiredService<CheckpointKeys>().PublicKeyPem);
        Assert.True(publicKey.VerifyData(Encoding.UTF8.GetBytes(checkpoint.Statement), Convert.FromBase64String(checkpoint.Signature),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.Equal(CheckpointKeys.IdOf(publicKey), checkpoint.KeyId);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Cutting_off_the_last_entries_is_reported(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        await WriteEntries(archive);
        var (chain, sealedAt) = LongestAuditChain((await Checkpoints(archive).Seal())!);

        await AuditTampering.DeleteEntriesFromAsync(storage, chain, sealedAt - 1);

        var verdict = await Verify(archive);
        Assert.False(verdict.Intact);
        Assert.Equal(sealedAt - 1, verdict.FirstBrokenSeq);
        Assert.Contains($"Chain {chain} ends at entry {sealedAt - 2}, but a signed checkpoint vouches for entries up to {sealedAt}: " +
            $"entries {sealedAt - 1} to {sealedAt} were removed", verdict.Problem);
        Assert.Equal(sealedAt - 2, verdict.Heads.Single(h => h.Chain == chain).Seq);
        // And no checkpoint is written over the cut log.
        Assert.Null(await Checkpoints(archive).Seal());
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Editing_the_last_entry_and_recomputing_its_hash_is_reported(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        await WriteEntries(archive);
        var (chain, sealedAt) = LongestAuditChain((await Checkpoints(archive).Seal())!);

        await AuditTampering.RewriteEntryAsync(storage, chain, sealedAt, actor: "someone.else");

        var verdict = await Verify(archive);
        Assert.False(verdict.Intact);
        // No earlier checkpoint vouches for an entry before it, so the change may lie anywhere from the first entry on.
        Assert.Equal(1, verdict.FirstBrokenSeq);
        Assert.Contains($"Chain {chain}: an entry from 1 to {sealedAt} was changed", verdict.Problem);
        Assert.Contains($"entry {sealedAt} no longer has the hash a signed checkpoint recorded", verdict.Problem);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_forged_checkpoint_is_reported_and_no_checkpoint_is_written_on_top_of_it(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        await WriteEntries(archive);
        var genuine = (await Checkpoints(archive).Seal())!;

        // It claims the archive's key and a head one entry short, to cover a cut the attacker is about to make.
        var (chain, sealedAt) = LongestAuditChain(genuine);
        var cut = new AuditHead(chain, sealedAt - 1, await AuditTampering.HashOfAsync(storage, chain, sealedAt - 1));
        await AuditTampering.ForgeCheckpointAsync(storage, genuine.Number + 1, genuine.KeyId, cut, archive.Clock.GetUtcNow());

        var verdict = await Verify(archive);
        Assert.False(verdict.Intact);
        Assert.Contains($"Checkpoint {genuine.Number + 1}'s signature does not verify", verdict.Problem);
        Assert.Equal(genuine.Number, verdict.Checkpoint!.Number);
        (await Checkpoints(archive).Write(Archive.Auditor)).AssertRefused(Contracts.Results.Outcome.Conflict);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Deleting_the_latest_checkpoint_leaves_one_that_grows_too_old_and_a_deleted_earlier_one_leaves_a_gap(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var first = (await Checkpoints(archive).Seal())!;
        await WriteEntries(archive);
        var earlier = (await Checkpoints(archive).Seal())!;
        await WriteEntries(archive);
        var latest = (await Checkpoints(archive).Seal())!;

        await AuditTampering.DeleteCheckpointAsync(storage, latest.Number);
        // The chain that grew most between the two.
        var grown = latest.Heads.Where(h => h.Chain.StartsWith("audit-", StringComparison.Ordinal))
            .MaxBy(h => h.Seq - earlier.Heads.Single(e => e.Chain == h.Chain).Seq)!;
        await AuditTampering.DeleteEntriesFromAsync(storage, grown.Chain, earlier.Heads.Single(e => e.Chain == grown.Chain).Seq + 1);
        // The entries cut off were not covered by any remaining checkpoint: only the age of the latest one tells.
        Assert.True((await Verify(archive)).Intact);
        archive.Clock.Advance(new AuditCheckpointOptions().AllowedAge + TimeSpan.FromMinutes(1));

        Assert.Null(await Checkpoints(archive).Seal()); // the checkpoint it wrote last is gone: it writes none over the cut log
        var verdict = await Verify(archive);
        Assert.False(verdict.Intact);
        Assert.Contains($"The latest valid checkpoint ({earlier.Number},", verdict.Problem);
        Assert.Contains("newer checkpoints were deleted", verdict.Problem);

        await AuditTampering.DeleteCheckpointAsync(storage, first.Number);
        Assert.Contains($"Checkpoint {first.Number} is missing", (await Verify(archive)).Problem);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task After_a_key_rotation_checkpoints_of_the_previous_key_still_verify_while_it_is_listed(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        string previousPublicKey;
        AuditCheckpoint old;
        await using (var first = await ArchiveCluster.StartAsync(storage))
        {
            await WriteEntries(first);
            old = (await Checkpoints(first).Seal())!;
            previousPublicKey = first.Cluster.GetSiloServiceProvider().GetRequiredService<CheckpointKeys>().PublicKeyPem;
        }
        var newKey = CheckpointKeys.NewKeyPem();

        await using (var rotated = await ArchiveCluster.StartAsync(storage, configure: silo => silo.Services.Configure<AuditCheckpointOptions>(o =>
        {
            o.SigningKey = newKey;
            o.PreviousPublicKeys = [previousPublicKey];
        })))
        {
            var resealed = (await Checkpoints(rotated).Seal())!;
            var verdict = await Verify(rotated);
            Assert.True(verdict.Intact, verdict.Problem);
            Assert.NotEqual(old.KeyId, resealed.KeyId);
            Assert.Equal(resealed.Number, verdict.Checkpoint!.Number);
        }

        await using var forgotten = await ArchiveCluster.StartAsync(storage,
            configure: silo => silo.Services.Configure<AuditCheckpointOptions>(o => o.SigningKey = newKey));
        Assert.Contains($"Checkpoint {old.Number} is signed with key {old.KeyId}, which this archive does not know", (await Verify(forgotten)).Problem);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task An_archive_upgraded_from_one_chain_verifies_its_old_entries_against_the_old_checkpoint_and_seals_every_chain(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        var key = CheckpointKeys.NewKeyPem();
        // The log as the single-chain archive left it: five entries in chain main and a checkpoint over them.
        var oldHead = await LegacyLog.WriteAsync(storage, entries: 5, key);

        await using var archive = await ArchiveCluster.StartAsync(storage,
            configure: silo => silo.Services.Configure<AuditCheckpointOptions>(o => o.SigningKey = key));
        await WriteEntries(archive);
        var sealedNow = (await Checkpoints(archive).Seal())!;

        var verdict = await Verify(archive);
        Assert.True(verdict.Intact, verdict.Problem);
        Assert.Equal(oldHead, verdict.Heads[0]);
        Assert.Equal(oldHead, sealedNow.Heads.Single(h => h.Chain == AuditHead.MainChain));
        Assert.All(archive.Cluster.GetSiloServiceProvider().GetRequiredService<IAuditLog>().Chains,
            chain => Assert.Contains(sealedNow.Heads, head => head.Chain == chain));
        // The new entries come after the old ones, in the shards' chains.
        var log = (await archive.Client.GetGrain<IAuditGrain>(0).Query(new AuditQuery(null, null, null, null, null, PageSize: 500), Archive.Auditor))
            .AssertSucceeded().Items;
        Assert.Equal([1L, 2L, 3L, 4L, 5L], log.Take(5).Select(e => e.Seq));
        Assert.All(log.Take(5), e => Assert.Equal((AuditHead.MainChain, e.Seq), (e.Chain, e.ChainSeq)));
        Assert.All(log.Skip(5), e => Assert.StartsWith("audit-", e.Chain, StringComparison.Ordinal));
        Assert.True(log.Skip(5).All(e => e.Seq > 5));

        // The old checkpoint still vouches for main: re-hashing its last entry is caught.
        await AuditTampering.RewriteEntryAsync(storage, AuditHead.MainChain, 5, actor: "someone.else");
        Assert.Contains("Chain main: an entry from 1 to 5 was changed", (await Verify(archive)).Problem);
    }

    /// <summary>The audit chain (of the shards') with the most entries at the checkpoint, and its head there.</summary>
    private static (string Chain, long Seq) LongestAuditChain(AuditCheckpoint checkpoint)
    {
        var head = checkpoint.Heads.Where(h => h.Chain.StartsWith("audit-", StringComparison.Ordinal)).MaxBy(h => h.Seq)!;
        Assert.True(head.Seq >= 2, "The test needs a chain of two entries or more.");
        return (head.Chain, head.Seq);
    }

    private static IAuditCheckpointGrain Checkpoints(ArchiveCluster archive) => archive.Client.GetGrain<IAuditCheckpointGrain>(0);

    private static async Task<AuditVerification> Verify(ArchiveCluster archive) =>
        (await archive.Client.GetGrain<IAuditGrain>(0).Verify(Archive.Auditor)).AssertSucceeded();

    private static async Task WriteEntries(ArchiveCluster archive)
    {
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        await Archive.RegisterFile(archive.Client, branch);
        await Archive.RegisterFile(archive.Client, branch);
    }
}
