using System.Data.Common;
using BranchArchive.Persistence.Sqlite;
using BranchArchive.Testing;
using Microsoft.Data.Sqlite;

namespace BranchArchive.Grains.Tests.Storage;

/// <summary>The SQLite file's one writer: group commit that keeps each caller's answer honest.</summary>
public sealed class SqliteWriterTests
{
    [Fact]
    public async Task Callers_who_queue_while_a_commit_runs_share_the_next_one()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var database = await CreateAsync(storage);
        var commitsBefore = database.Writes.Commits;

        // Hold the writer inside a unit until a hundred more callers have queued behind it.
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        var first = database.Writes.RunAsync((c, t, k) =>
        {
            holding.SetResult();
            release.Wait(k);
            return InsertAsync(c, t, 0, k);
        });
        await holding.Task;
        var queued = Enumerable.Range(1, 100).Select(i => database.Writes.RunAsync((c, t, k) => InsertAsync(c, t, i, k))).ToArray();
        release.Set();
        await Task.WhenAll([first, .. queued]);

        Assert.Equal(2, database.Writes.Commits - commitsBefore);
        Assert.Equal(101L, await ScalarAsync(storage, "SELECT COUNT(*) FROM Marks"));
    }

    [Fact]
    public async Task Every_acknowledged_row_of_many_concurrent_callers_is_in_the_file()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var database = await CreateAsync(storage);

        var writes = Enumerable.Range(0, 500).Select(i => Task.Run(() => database.Writes.RunAsync((connection, transaction, token) =>
            InsertAsync(connection, transaction, i, token)))).ToArray();
        await Task.WhenAll(writes);

        // Read on a connection of its own, as another process would after a crash and restart.
        Assert.Equal(500L, await ScalarAsync(storage, "SELECT COUNT(*) FROM Marks"));
        Assert.Equal(Enumerable.Range(0, 500).Sum(), await ScalarAsync(storage, "SELECT SUM(Id) FROM Marks"));
    }

    [Fact]
    public async Task A_failing_caller_is_told_so_and_only_its_own_statements_are_rolled_back()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var database = await CreateAsync(storage);
        await database.Writes.RunAsync((connection, transaction, token) => InsertAsync(connection, transaction, 7, token));

        // Released together so that they share a group: the middle one writes a row, then breaks
        // the primary key, and must leave nothing behind.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = Task.Run(async () => { await gate.Task; await database.Writes.RunAsync((c, t, k) => InsertAsync(c, t, 1, k)); });
        var failing = Task.Run(async () =>
        {
            await gate.Task;
            await database.Writes.RunAsync(async (c, t, k) =>
            {
                await InsertAsync(c, t, 2, k);
                return await InsertAsync(c, t, 7, k);
            });
        });
        var after = Task.Run(async () => { await gate.Task; await database.Writes.RunAsync((c, t, k) => InsertAsync(c, t, 3, k)); });
        gate.SetResult();

        await Assert.ThrowsAsync<SqliteException>(() => failing);
        await Task.WhenAll(before, after);
        Assert.Equal(3L, await ScalarAsync(storage, "SELECT COUNT(*) FROM Marks"));
        Assert.Equal(0L, await ScalarAsync(storage, "SELECT COUNT(*) FROM Marks WHERE Id = 2"));
    }

    [Fact]
    public async Task A_caller_who_gave_up_before_its_turn_writes_nothing()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var database = await CreateAsync(storage);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            database.Writes.RunAsync((c, t, k) => InsertAsync(c, t, 1, k), cancelled.Token));

        Assert.Equal(0L, await ScalarAsync(storage, "SELECT COUNT(*) FROM Marks"));
    }

    [Fact]
    public async Task Under_steady_writes_the_WAL_is_copied_back_and_started_over()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var database = await CreateAsync(storage);
        await storage.ExecuteAsync("CREATE TABLE Blobs (Id INTEGER PRIMARY KEY, Data BLOB NOT NULL)");
        var before = database.Writes.Work;

        // 80 groups of 10 callers, each writing 64 KB: some 13,000 WAL pages, well past the writer's own checkpoint.
        var blob = new byte[64 * 1024];
        Random.Shared.NextBytes(blob);
        for (var group = 0; group < 80; group++)
        {
            await Task.WhenAll(Enumerable.Range(group * 10, 10).Select(id => database.Writes.RunAsync(async (connection, transaction, token) =>
            {
                await using var insert = ((SqliteConnection)connection).CreateCommand();
                insert.Transaction = (SqliteTransaction)transaction;
                insert.CommandText = "INSERT INTO Blobs (Id, Data) VALUES ($id, $data)";
                insert.Parameters.AddWithValue("$id", id);
                insert.Parameters.AddWithValue("$data", blob);
                return await insert.ExecuteNonQueryAsync(token);
            })));
        }

        var written = (database.Writes.Work - before).PagesWritten * (4096 + 24);
        var wal = new FileInfo(storage.Settings.Sqlite.Path + "-wal").Length;
        Assert.True(written > 40_000_000, $"{written} bytes of WAL frames written");
        // Had it never started over, the WAL would hold every frame written; the file holds what was copied back.
        Assert.True(wal < written * 0.8, $"WAL {wal} bytes after {written} bytes of frames");
        Assert.True(new FileInfo(storage.Settings.Sqlite.Path).Length > 30_000_000);
        Assert.Equal(800L, await ScalarAsync(storage, "SELECT COUNT(*) FROM Blobs"));
    }

    private static async Task<SqliteDatabase> CreateAsync(TestStorage storage)
    {
        var database = new SqliteDatabase(storage.Settings.Sqlite.Path);
        await SqliteSchema.ApplyAsync(database);
        await storage.ExecuteAsync("CREATE TABLE Marks (Id INTEGER PRIMARY KEY)");
        return database;
    }

    private static async Task<bool> InsertAsync(DbConnection connection, DbTransaction transaction, int id, CancellationToken token)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO Marks (Id) VALUES (@id)";
        var parameter = insert.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id;
        insert.Parameters.Add(parameter);
        await insert.ExecuteNonQueryAsync(token);
        return true;
    }

    private static async Task<long> ScalarAsync(TestStorage storage, string sql) => Convert.ToInt64(await storage.ScalarAsync(sql), System.Globalization.CultureInfo.InvariantCulture);
}
