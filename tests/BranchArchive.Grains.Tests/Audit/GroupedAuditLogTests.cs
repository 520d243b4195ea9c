using BranchArchive.Contracts.Audit;
using BranchArchive.Persistence.Audit;
using BranchArchive.Persistence.Postgres;
using BranchArchive.Persistence.Sqlite;
using BranchArchive.Persistence.Writes;
using BranchArchive.Testing;
using Npgsql;

namespace BranchArchive.Grains.Tests.Audit;

/// <summary>Appends grouped into shared transactions still make one unbroken chain, each record once.</summary>
public sealed class GroupedAuditLogTests
{
    [SkippableTheory] // skipped, not failed, where no PostgreSQL is configured (README)
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Concurrent_appends_land_once_each_in_a_chain_that_verifies(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        var (log, dispose) = await OpenAsync(storage);
        await using var _ = dispose;
        var grouped = new GroupedAuditLog(log);
        var batches = Enumerable.Range(0, 40).Select(caller =>
            Enumerable.Range(0, 5).Select(i => Record($"c{caller}-r{i}")).ToList()).ToList();

        // Every batch twice, as a grain re-sends records it could not clear after a failure.
        await Task.WhenAll(batches.Concat(batches).Select(batch => Task.Run(() => grouped.AppendAsync(batch))));

        var verification = await grouped.VerifyAsync(null, []);
        Assert.Null(verification.Problem);
        Assert.Equal(200, verification.EntriesChecked);
        Assert.Equal(200, verification.Head.Seq);
    }

    [Fact]
    public async Task When_the_log_fails_every_caller_of_that_group_is_told_and_later_appends_work()
    {
        var flaky = new FailingOnce();
        var grouped = new GroupedAuditLog(flaky);

        await Assert.ThrowsAsync<IOException>(() => grouped.AppendAsync([Record("a")]));
        await grouped.AppendAsync([Record("b")]);

        Assert.Equal(["b"], flaky.Stored.Select(r => r.EntryId));
    }

    private static AuditRecord Record(string id) =>
        new(id, DateTimeOffset.UtcNow, "tester", "clerk", "SH01", "checkout", "file-1", "SH01", "Ok", null, null);

    private static async Task<(IAuditLog Log, IAsyncDisposable Dispose)> OpenAsync(TestStorage storage)
    {
        if (storage.Kind == TestStorage.Sqlite)
        {
            var sqlite = new SqliteDatabase(storage.Settings.Sqlite.Path);
            await SqliteSchema.ApplyAsync(sqlite);
            return (new RelationalAuditLog(sqlite.Readers, sqlite.Writes), sqlite);
        }
        var postgres = NpgsqlDataSource.Create(storage.Settings.PostgresConnectionString!);
        await PostgresSchema.ApplyAsync(postgres);
        return (new RelationalAuditLog(postgres, new TransactionPerUnit(postgres), RelationalAuditLog.PostgresAppendLock), postgres);
    }

    private sealed class FailingOnce : IAuditLog
    {
        private int _calls;

        public List<AuditRecord> Stored { get; } = [];

        public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                throw new IOException("disk full");
            }
            Stored.AddRange(records);
            return Task.CompletedTask;
        }

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditChainCheck> VerifyAsync(AuditHead? from, IReadOnlyCollection<AuditHead> anchors, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<bool> AppendCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<SignedCheckpoint>> CheckpointsAsync(bool latestOnly, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
