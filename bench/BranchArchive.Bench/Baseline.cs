using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BranchArchive.Bench;

public sealed record BaselineResult(int Writers, int Writes, double Seconds, Latency Latency)
{
    public double PerSecond => Writes / Seconds;
}

/// <summary>
/// The storage's own limit for durable single-row writes, on the archive's own database with the
/// archive's durability: what a checkout or a return, each at least one commit, is compared with.
/// </summary>
public static class Baseline
{
    private const string Update = "UPDATE bench_baseline SET n = n + 1 WHERE id = @id";

    /// <summary>A table beside the archive's with one row per writer.</summary>
    public static async Task PrepareAsync(BenchDatabase database, int rows)
    {
        await using var source = database.OpenDataSource();
        await using var connection = await source.OpenConnectionAsync();
        await Execute(connection, null, "CREATE TABLE bench_baseline(id integer primary key, n integer not null)");
        await using var transaction = await connection.BeginTransactionAsync();
        for (var id = 1; id <= rows; id++)
        {
            await Execute(connection, transaction, $"INSERT INTO bench_baseline(id, n) VALUES ({id}, 0)");
        }
        await transaction.CommitAsync();

        static async Task Execute(DbConnection connection, DbTransaction? transaction, string sql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// One writer (SQLite writes one transaction at a time per file, so more threads would only
    /// queue), a prepared autocommit UPDATE on a plain connection, WAL and synchronous=FULL.
    /// </summary>
    public static BaselineResult Sqlite(string path, int rows, TimeSpan warmup, TimeSpan measured)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";
            pragmas.ExecuteNonQuery();
        }
        using var update = connection.CreateCommand();
        update.CommandText = Update;
        var id = update.Parameters.Add("@id", SqliteType.Integer);
        update.Prepare();
        var latency = new Latency();
        var writes = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < warmup + measured; i++)
        {
            id.Value = i % rows + 1; // the rows in turn, as the workers' own rows would be
            var started = clock.Elapsed;
            update.ExecuteNonQuery();
            if (started >= warmup)
            {
                latency.Add(clock.Elapsed - started);
                writes++;
            }
        }
        return new BaselineResult(1, writes, measured.TotalSeconds, latency);
    }

    /// <summary>pgbench-style: <paramref name="writers"/> connections, each updating its own row in autocommit.</summary>
    public static async Task<BaselineResult> PostgresAsync(string connectionString, int writers, TimeSpan warmup, TimeSpan measured)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Math.Max(100, writers) };
        await using var source = NpgsqlDataSource.Create(settings.ConnectionString);
        // Connected and prepared before the clock starts: only the writes are timed.
        var connections = new NpgsqlConnection[writers];
        for (var w = 0; w < writers; w++)
        {
            connections[w] = await source.OpenConnectionAsync();
        }
        var clock = Stopwatch.StartNew();
        var done = await Task.WhenAll(connections.Select((connection, w) => Task.Run(() => WriterAsync(connection, w + 1))));
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
        return new BaselineResult(writers, done.Sum(d => d.Writes), measured.TotalSeconds, Latency.Merge(done.Select(d => d.Latency)));

        async Task<(Latency Latency, int Writes)> WriterAsync(NpgsqlConnection connection, int row)
        {
            await using var update = new NpgsqlCommand(Update, connection);
            update.Parameters.Add(new NpgsqlParameter<int>("id", row));
            await update.PrepareAsync();
            var latency = new Latency();
            var writes = 0;
            while (clock.Elapsed < warmup + measured)
            {
                await Task.Yield();
                var started = clock.Elapsed;
                await update.ExecuteNonQueryAsync();
                if (started >= warmup)
                {
                    latency.Add(clock.Elapsed - started);
                    writes++;
                }
            }
            return (latency, writes);
        }
    }
}
