using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BranchArchive.Persistence.Writes;
using Microsoft.Data.Sqlite;

namespace BranchArchive.Persistence.Sqlite;

/// <summary>
/// The one writer of a SQLite file in this process, with group commit. SQLite lets one
/// connection write at a time and each commit with <c>synchronous=FULL</c> waits for the disk;
/// so every write of the archive (grain state, audit log, catalogue, notices) queues here, and the
/// writer runs whatever has queued since its last commit in one transaction, each caller's
/// statements under a savepoint of their own, then commits once and answers them all. A caller
/// is answered only after the commit that holds its writes is on disk; a caller whose statements
/// failed is answered with that failure and its statements alone are rolled back.
/// The writer has a thread of its own, because Microsoft.Data.Sqlite does its I/O synchronously:
/// no thread-pool thread waits on the disk. The thread ends after a while with nothing to write.
/// Checkpoints are mostly not its work: see <see cref="SqliteCheckpointer"/>.
/// </summary>
public sealed class SqliteWriter : IDurableWrites
{
    /// <summary>Enough to amortise one disk flush over a burst; small enough to keep a group's latency short.</summary>
    private const int MaxUnitsPerCommit = 256;

    /// <summary>WAL pages between checkpoints (SQLite's own auto-checkpoint default), asked of the checkpointer.</summary>
    private const int CheckpointPages = 1_000;

    /// <summary>
    /// WAL pages after which the writer checkpoints itself, after answering a group: under steady
    /// load the checkpointer's passive checkpoints never catch the WAL's end, and SQLite starts a
    /// WAL over only once all of it is copied. By then little is left to copy.
    /// </summary>
    private const int RestartPages = 8 * CheckpointPages;

    private static readonly TimeSpan IdleBeforeExit = TimeSpan.FromSeconds(30);
    private static readonly Meter Meter = new(StorageMetrics.MeterName);
    private static readonly Histogram<int> UnitsPerCommit = Meter.CreateHistogram<int>(
        "archive.sqlite.commit.units", "{unit}", "Callers' write units in one SQLite group commit.");
    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "archive.sqlite.commit.duration", "s", "Time from a group's first statement to its commit on disk.");

    private readonly string _connectionString;
    private readonly SqliteSynchronous _synchronous;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly BlockingCollection<SqliteWriteUnit> _queue = [];
    private readonly Lock _lock = new();
    private bool _running;
    private long _commits;
    private long _units;
    private long _statements;
    private long _pagesWritten;
    private long _busyTicks;
    private long _walPages;
    private long _pagesSinceCheckpoint;

    internal SqliteWriter(string path, SqliteSynchronous synchronous)
    {
        _synchronous = synchronous;
        // Not pooled: the writer keeps its connection (and its prepared statements) while it runs.
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        _checkpointer = new SqliteCheckpointer(_connectionString, synchronous);
    }

    /// <summary>Group commits made so far (each one disk flush).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// What the writer has done so far, load-independent figures to compare builds by: commits,
    /// the callers' units they held, the statements run for them (savepoints included), the pages
    /// written to the WAL, and the writer's time from each group's first statement to its commit.
    /// </summary>
    public SqliteWriterWork Work => new(Commits, Interlocked.Read(ref _units), Interlocked.Read(ref _statements),
        Interlocked.Read(ref _pagesWritten), TimeSpan.FromTicks(Interlocked.Read(ref _busyTicks)));

    public Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> unit, CancellationToken cancellationToken = default)
    {
        var queued = new SqliteWriteUnit<T>(unit, cancellationToken);
        lock (_lock)
        {
            _queue.Add(queued, CancellationToken.None);
            if (!_running)
            {
                _running = true;
                new Thread(WriteUntilIdle) { IsBackground = true, Name = "sqlite-writer" }.Start();
            }
        }
        return queued.Answer;
    }

    private void WriteUntilIdle()
    {
        WriterConnection? connection = null;
        var group = new List<SqliteWriteUnit>(MaxUnitsPerCommit);
        try
        {
            while (true)
            {
                if (!_queue.TryTake(out var first, IdleBeforeExit))
                {
                    lock (_lock)
                    {
                        if (_queue.Count == 0)
                        {
                            _running = false;
                            return;
                        }
                    }
                    continue;
                }
                group.Add(first);
                while (group.Count < MaxUnitsPerCommit && _queue.TryTake(out var next))
                {
                    group.Add(next);
                }
                connection = CommitGroup(connection, group);
                group.Clear();
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>Runs and commits one group; returns the connection to go on with (null after a failure).</summary>
    private WriterConnection? CommitGroup(WriterConnection? connection, List<SqliteWriteUnit> group)
    {
        var started = Stopwatch.GetTimestamp();
        var live = new List<SqliteWriteUnit>(group.Count);
        foreach (var unit in group)
        {
            if (unit.CancellationToken.IsCancellationRequested)
            {
                unit.Cancel();
            }
            else
            {
                live.Add(unit);
            }
        }
        if (live.Count == 0)
        {
            return connection;
        }
        try
        {
            connection ??= Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var unit in live)
            {
                Execute(connection, transaction, "SAVEPOINT unit");
                try
                {
                    unit.Run(connection, transaction);
                    Execute(connection, transaction, "RELEASE SAVEPOINT unit");
                }
                catch (Exception failure) when (!BreaksTheTransaction(failure))
                {
                    Execute(connection, transaction, "ROLLBACK TO SAVEPOINT unit");
                    Execute(connection, transaction, "RELEASE SAVEPOINT unit");
                    unit.Failure = failure;
                }
            }
            transaction.Commit();
        }
        catch (Exception groupFailure)
        {
            // Nothing of the group is kept: no caller may be told otherwise. Start afresh.
            foreach (var unit in live)
            {
                unit.Finish(groupFailure);
            }
            connection?.Dispose();
            return null;
        }
        var took = Stopwatch.GetElapsedTime(started);
        Interlocked.Increment(ref _commits);
        foreach (var unit in live)
        {
            unit.Finish(groupFailure: null);
        }
        var pages = connection.TakePagesWritten();
        Interlocked.Add(ref _units, live.Count);
        Interlocked.Add(ref _statements, connection.TakeStatementCount());
        Interlocked.Add(ref _pagesWritten, pages);
        Interlocked.Add(ref _busyTicks, took.Ticks);
        UnitsPerCommit.Record(live.Count);
        CommitDuration.Record(took.TotalSeconds);
        return Checkpoint(connection, pages);
    }

    /// <summary>
    /// After a group is answered: asks the checkpointer to copy the WAL back every
    /// <see cref="CheckpointPages"/>, and copies the rest itself every <see cref="RestartPages"/>.
    /// </summary>
    private WriterConnection? Checkpoint(WriterConnection connection, long pages)
    {
        _walPages += pages;
        _pagesSinceCheckpoint += pages;
        if (_walPages >= RestartPages)
        {
            _pagesSinceCheckpoint = 0;
            try
            {
                // Copied whole: the WAL starts over. If not (the checkpointer at work, a reader on old pages), again soon.
                _walPages = SqliteCheckpointer.Checkpoint(connection) ? 0 : RestartPages - CheckpointPages;
            }
            catch (SqliteException)
            {
                // The group is committed and answered; the pages stay in the WAL. Start afresh, try again soon.
                _walPages = RestartPages - CheckpointPages;
                connection.Dispose();
                return null;
            }
        }
        else if (_pagesSinceCheckpoint >= CheckpointPages)
        {
            _pagesSinceCheckpoint = 0;
            _checkpointer.Request();
        }
        return connection;
    }

    /// <summary>A savepoint statement, kept prepared like every other (SqliteTransaction.Save prepares one anew each time).</summary>
    private static void Execute(WriterConnection connection, SqliteTransaction transaction, string sql)
    {
        using var statement = connection.Statement(sql);
        statement.Transaction = transaction;
        statement.ExecuteNonQuery();
    }

    /// <summary>Disk full or an I/O error: SQLite may have rolled back the whole group already.</summary>
    private static bool BreaksTheTransaction(Exception failure) =>
        failure is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) is SqliteFull or SqliteIoError;

    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;

    private WriterConnection Open()
    {
        var connection = new WriterConnection(_connectionString);
        connection.Open();
        SqliteDatabase.Configure(connection, _synchronous);
        // Checkpoints are the checkpointer's, and the writer's own only every RestartPages, after answering.
        using var noAutoCheckpoint = connection.CreateCommand();
        noAutoCheckpoint.CommandText = "PRAGMA wal_autocheckpoint=0";
        noAutoCheckpoint.ExecuteNonQuery();
        return connection;
    }
}
