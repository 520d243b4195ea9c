using BranchArchive.Contracts.Audit;
using BranchArchive.Persistence;
using BranchArchive.Persistence.Postgres;
using BranchArchive.Persistence.Sqlite;
using BranchArchive.Persistence.Writes;
using BranchArchive.Testing;
using Npgsql;

namespace BranchArchive.Grains.Tests.Audit;

/// <summary>
/// The audit log kept in chains per shard, as the silos wire it (RelationalArchive.On): each
/// file's entries in one chain, in order; appenders of the same chain (in one process or two)
/// one at a time; every record once; and tampering with any chain named by chain and entry.
/// </summary>
public sealed class AuditChainsTests
{
    [SkippableTheory] // PostgreSQL cases skip, not fail, where none is configured (README)
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Each_file_keeps_to_one_chain_in_order_and_the_files_spread_over_every_chain(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var opened = await OpenAsync(storage);
        var log = opened.Log;
        foreach (var round in Enumerable.Range(0, 3))
        {
            await log.AppendAsync([.. Enumerable.Range(0, 40).Select(file => Record($"r{round}-f{file}", $"file-{file}"))]);
        }

        var entries = (await log.QueryAsync(new AuditQuery(null, null, null, null, null, PageSize: AuditQuery.MaxPageSize))).Items;
        Assert.Equal(120, entries.Count);
        Assert.Equal(entries.Select(e => e.Seq).Order(), entries.Select(e => e.Seq)); // Seq orders the log, unique
        Assert.Equal(120, entries.Select(e => e.Seq).Distinct().Count());
        foreach (var file in entries.GroupBy(e => e.FileId))
        {
            var chain = Assert.Single(file.Select(e => e.Chain).Distinct());
            Assert.Equal(file.Select(e => e.ChainSeq).Order(), file.Select(e => e.ChainSeq)); // in order within its chain
            Assert.Equal([$"r0-f", "r1-f", "r2-f"], file.Select(e => e.Actor[..4]));
            Assert.StartsWith("audit-", chain, StringComparison.Ordinal);
        }
        var shards = kind == TestStorage.Postgres ? RelationalArchive.PostgresAuditChains : RelationalArchive.SqliteAuditChains;
        Assert.Equal([AuditHead.MainChain, .. Enumerable.Range(0, shards).Select(shard => $"audit-{shard}")], log.Chains);
        Assert.Equal(shards, entries.Select(e => e.Chain).Distinct().Count());
        Assert.Equal(120, await VerifiedCountAsync(log));
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Concurrent_appenders_in_two_silos_make_chains_that_verify_with_every_record_once(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var first = await OpenAsync(storage);
        // PostgreSQL: a second silo's log, with its own connections and groups; SQLite has one silo per file.
        await using var second = kind == TestStorage.Postgres ? await OpenAsync(storage) : null;
        var silos = new[] { first.Log, (second ?? first).Log };
        var batches = Enumerable.Range(0, 60).Select(caller =>
            (IReadOnlyList<AuditRecord>)[.. Enumerable.Range(0, 3).Select(i => Record($"c{caller}-r{i}", i == 2 ? null : $"file-{caller % 25}"))]).ToList();

        // Every batch twice, from both silos, as a grain re-sends records after a failure or on another silo after a crash.
        await Task.WhenAll(batches.SelectMany((batch, i) => new[] { silos[i % 2], silos[(i + 1) % 2] })
            .Select((silo, i) => Task.Run(() => silo.AppendAsync(batches[i / 2]))));

        var entries = (await first.Log.QueryAsync(new AuditQuery(null, null, null, null, null, PageSize: AuditQuery.MaxPageSize))).Items;
        Assert.Equal(180, entries.Count);
        Assert.Equal(180, entries.Select(e => e.Actor).Distinct().Count());
        Assert.Equal(180, await VerifiedCountAsync(first.Log));
        foreach (var chain in entries.GroupBy(e => e.Chain))
        {
            Assert.Equal(Enumerable.Range(1, chain.Count()).Select(n => (long)n), chain.Select(e => e.ChainSeq).Order());
        }
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_record_appended_again_after_a_crash_is_stored_once_and_its_chain_does_not_move_on(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var opened = await OpenAsync(storage);
        var (a, b, c) = (Record("a", "file-1"), Record("b", "file-1"), Record("c", "file-1"));

        await opened.Log.AppendAsync([a, b]);
        await opened.Log.AppendAsync([a]);
        await opened.Log.AppendAsync([b, c, c]);

        var entries = (await opened.Log.QueryAsync(new AuditQuery("file-1", null, null, null, null))).Items;
        Assert.Equal(["a", "b", "c"], entries.Select(e => e.Actor));
        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.ChainSeq));
        Assert.Equal(3, await VerifiedCountAsync(opened.Log));
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite, "edit")]
    [InlineData(TestStorage.Sqlite, "delete")]
    [InlineData(TestStorage.Sqlite, "cut")]
    [InlineData(TestStorage.Postgres, "edit")]
    [InlineData(TestStorage.Postgres, "delete")]
    [InlineData(TestStorage.Postgres, "cut")]
    public async Task Tampering_with_any_chain_is_named_by_chain_and_entry(string kind, string tampering)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var opened = await OpenAsync(storage);
        var log = opened.Log;
        var shards = log.Chains.Where(chain => chain != AuditHead.MainChain).ToList();
        // Three entries in every chain: files picked by the shard they fall in.
        var files = Enumerable.Range(0, 1000).Select(n => $"file-{n}").GroupBy(file => Shards.Of(file, shards.Count)).OrderBy(g => g.Key)
            .Select(g => g.First()).ToList();
        Assert.Equal(shards.Count, files.Count);
        for (var round = 0; round < 3; round++)
        {
            await log.AppendAsync([.. files.Select(file => Record($"{file}-{round}", file))]);
        }
        // The heads a checkpoint would seal now.
        var anchors = new List<AuditHead>();
        foreach (var chain in shards)
        {
            anchors.Add((await log.VerifyAsync(chain, null, [])).Head);
        }
        Assert.All(anchors, head => Assert.Equal(3, head.Seq));

        foreach (var chain in shards)
        {
            await (tampering switch
            {
                "edit" => AuditTampering.EditEntryAsync(storage, chain, 2, "someone.else"),
                "delete" => AuditTampering.DeleteEntryAsync(storage, chain, 2),
                _ => AuditTampering.DeleteEntriesFromAsync(storage, chain, 3),
            });
        }

        foreach (var chain in shards)
        {
            var check = await log.VerifyAsync(chain, null, anchors);
            var (seq, problem) = tampering switch
            {
                "edit" => (2L, $"Chain {chain}, entry 2 is broken: its content does not match its hash."),
                "delete" => (3L, $"Chain {chain}, entry 3 is broken: entry 2 is missing."),
                _ => (3L, $"Chain {chain} ends at entry 2, but a signed checkpoint vouches for entries up to 3: entries 3 to 3 were removed."),
            };
            Assert.Equal((seq, problem), (check.FirstBrokenSeq, check.Problem));
        }
        Assert.Null((await log.VerifyAsync(AuditHead.MainChain, null, anchors)).Problem);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task An_entry_moved_out_of_every_chain_is_counted(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var opened = await OpenAsync(storage);
        await opened.Log.AppendAsync([Record("a", "file-1"), Record("b", "file-2")]);
        Assert.Equal(0, await opened.Log.EntriesOutsideChainsAsync());

        await storage.ExecuteAsync(storage.Kind == TestStorage.Postgres
            ? "ALTER TABLE AuditLog DISABLE TRIGGER USER; UPDATE AuditLog SET Chain = 'elsewhere' WHERE Actor = 'a'"
            : "DROP TRIGGER AuditLog_NoUpdate; UPDATE AuditLog SET Chain = 'elsewhere' WHERE Actor = 'a'");

        Assert.Equal(1, await opened.Log.EntriesOutsideChainsAsync());
    }

    private static AuditRecord Record(string actor, string? fileId) =>
        new(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, actor, "clerk", "SH01", AuditActions.CheckOut, fileId, "SH01", "Ok", null, null);

    /// <summary>Verifies every chain: the entries checked in all, each chain intact.</summary>
    private static async Task<long> VerifiedCountAsync(IAuditLog log)
    {
        var total = 0L;
        foreach (var chain in log.Chains)
        {
            var check = await log.VerifyAsync(chain, null, []);
            Assert.Null(check.Problem);
            total += check.EntriesChecked;
        }
        return total;
    }

    /// <summary>The audit log as a silo opens it on this store.</summary>
    private static async Task<OpenedLog> OpenAsync(TestStorage storage)
    {
        if (storage.Kind == TestStorage.Sqlite)
        {
            var sqlite = new SqliteDatabase(storage.Settings.Sqlite.Path);
            await SqliteSchema.ApplyAsync(sqlite);
            return new OpenedLog(RelationalArchive.On(sqlite).AuditLog, sqlite);
        }
        var postgres = NpgsqlDataSource.Create(storage.Settings.PostgresConnectionString!);
        await PostgresSchema.ApplyAsync(postgres);
        return new OpenedLog(RelationalArchive.On(postgres).AuditLog, postgres);
    }

    private sealed record OpenedLog(IAuditLog Log, IAsyncDisposable Database) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }
}
