using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;

namespace BranchArchive.Persistence.Sqlite;

/// <summary>
/// Copies a SQLite file's WAL back into the file, on a thread and connection of its own, when
/// the writer asks: SQLite would otherwise do it inside the writer's commit every 1,000 pages
/// (its auto-checkpoint), and the writer's thread is what bounds the archive's write rate.
/// Passive checkpoints only: they never wait for, nor hold up, the writer or a reader. They move
/// committed pages only, so durability is the commit's, as before.
/// </summary>
internal sealed class SqliteCheckpointer(string connectionString, SqliteSynchronous synchronous)
{
    private static readonly TimeSpan IdleBeforeExit = TimeSpan.FromSeconds(30);
    private static readonly Meter Meter = new(StorageMetrics.MeterName);
    // This thread has no caller to tell: the count is how an operator sees a disk or file that
    // refuses checkpoints (the WAL then grows until the writer's own checkpoint gets through).
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>(
        "archive.sqlite.checkpoint.failures", "{checkpoint}", "Passive WAL checkpoints of the SQLite checkpointer thread that failed.");

    private readonly AutoResetEvent _asked = new(initialState: false);
    private readonly Lock _lock = new();
    private bool _running;

    /// <summary>Asks for a checkpoint soon; answers at once.</summary>
    public void Request()
    {
        lock (_lock)
        {
            _asked.Set();
            if (!_running)
            {
                _running = true;
                new Thread(CheckpointUntilIdle) { IsBackground = true, Name = "sqlite-checkpointer" }.Start();
            }
        }
    }

    /// <summary>
    /// A passive checkpoint on <paramref name="connection"/>: copies what no reader still needs.
    /// True when the WAL is copied whole (the next write transaction then starts it over).
    /// </summary>
    public static bool Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        // (busy, frames in the WAL, frames copied). While another checkpoint runs (this thread's or
        // the writer's), this one is busy and answers -1 for both counts: equal, but nothing was copied.
        return reader.Read() && reader.GetInt64(0) == 0 && reader.GetInt64(1) >= 0 && reader.GetInt64(1) == reader.GetInt64(2);
    }

    private void CheckpointUntilIdle()
    {
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                if (!_asked.WaitOne(IdleBeforeExit))
                {
                    lock (_lock)
                    {
                        if (!_asked.WaitOne(0))
                        {
                            _running = false;
                            return;
                        }
                    }
                }
                try
                {
                    connection ??= Open();
                    Checkpoint(connection);
                }
                catch (SqliteException)
                {
                    // Nothing is lost (the pages stay in the WAL); the writer's own checkpoint catches up.
                    Failed.Add(1);
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqliteDatabase.Configure(connection, synchronous);
        return connection;
    }
}
