using Microsoft.Data.Sqlite;

namespace BranchArchive.Persistence.Sqlite;

/// <summary>
/// The connection of a file's one writer. Every write of the archive runs here, the same few
/// dozen statements over and over, so each is prepared once and kept (preparing them anew took a
/// quarter of the writer's time under load).
/// </summary>
internal sealed class WriterConnection(string connectionString) : SqliteConnection(connectionString)
{
    private readonly Dictionary<string, KeptStatement> _statements = new(StringComparer.Ordinal);
    private long _handedOut;

    /// <summary>Statements handed out since the last call (each one run, by the writer's callers or itself).</summary>
    public long TakeStatementCount()
    {
        var count = _handedOut;
        _handedOut = 0;
        return count;
    }

    /// <summary>Pages this connection wrote to the WAL since the last call (SQLite's SQLITE_DBSTATUS_CACHE_WRITE, reset).</summary>
    public long TakePagesWritten()
    {
        const int CacheWrite = 9; // SQLITE_DBSTATUS_CACHE_WRITE
        return SQLitePCL.raw.sqlite3_db_status(Handle, CacheWrite, out var written, out _, 1) == SQLitePCL.raw.SQLITE_OK ? written : 0;
    }

    /// <summary>
    /// The prepared statement for <paramref name="sql"/>, free for the caller until it disposes it;
    /// a fresh command if the kept one is in use (a statement run while another is still open).
    /// </summary>
    public SqliteCommand Statement(string sql)
    {
        _handedOut++;
        if (!_statements.TryGetValue(sql, out var statement))
        {
            if (_statements.Count >= MaxKept)
            {
                return Fresh(sql); // an unforeseen variety of statements (a line's changed columns) keeps no more memory
            }
            statement = new KeptStatement(this, sql);
            _statements[sql] = statement;
        }
        if (statement.InUse)
        {
            return Fresh(sql);
        }
        statement.InUse = true;
        return statement;
    }

    /// <summary>Statements kept prepared at most: the archive runs a few dozen, and a catalogue line's update names the columns that changed.</summary>
    private const int MaxKept = 512;

    private SqliteCommand Fresh(string sql)
    {
        var fresh = CreateCommand();
        fresh.CommandText = sql;
        return fresh;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var statement in _statements.Values)
            {
                statement.Release();
            }
            _statements.Clear();
        }
        base.Dispose(disposing);
    }

    /// <summary>A command whose dispose hands it back (parameters cleared, statement kept prepared).</summary>
    private sealed class KeptStatement : SqliteCommand
    {
        public KeptStatement(WriterConnection connection, string sql)
        {
            Connection = connection;
            CommandText = sql;
        }

        public bool InUse { get; set; }

        public void Release() => base.Dispose(true);

        protected override void Dispose(bool disposing)
        {
            // Parameters cleared: a kept statement must not hold on to a caller's values (a grain's state).
            Parameters.Clear();
            Transaction = null;
            InUse = false;
        }
    }
}
