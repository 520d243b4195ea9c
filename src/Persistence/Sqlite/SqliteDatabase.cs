using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace BranchArchive.Persistence.Sqlite;

/// <summary>
/// The archive's SQLite file. Every connection to it runs with WAL, <c>synchronous=FULL</c> (a
/// commit is on disk before anyone is told, so an acknowledged change survives a power cut) and a
/// busy timeout. The running archive writes only through <see cref="Writes"/> (and the grain
/// storage's <see cref="GrainStorage"/>, which feeds the same writer): one writer per file, with
/// group commit. Queries read through <see cref="Readers"/>. Connections opened on the database
/// itself are for set-up and maintenance (schema, migrations, rebuilds); they are handed out one
/// at a time per file, because Microsoft.Data.Sqlite serves concurrent writers by sleep-and-retry,
/// which starves some of them for seconds.
/// </summary>
public sealed class SqliteDatabase : DbDataSource
{
    // One gate per file and process: several silos in one process (tests, co-hosting) share a file.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string, SqliteSynchronous), SqliteWriter> Writers = new();

    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate;
    private DbDataSource? _readers;

    public SqliteDatabase(string path, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        Path = System.IO.Path.GetFullPath(path);
        Synchronous = synchronous;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        _gate = Gates.GetOrAdd(Path, _ => new SemaphoreSlim(1, 1));
        Writes = Writers.GetOrAdd((Path, synchronous), key => new SqliteWriter(key.Item1, key.Item2));
        GrainStorage = new GrainStorageDataSource(Writes, _connectionString);
    }

    /// <summary>The file's one writer: every write of the running archive, grouped into shared commits.</summary>
    public SqliteWriter Writes { get; }

    /// <summary>The data source for Orleans' ADO.NET grain storage: its commands run on <see cref="Writes"/>.</summary>
    public DbDataSource GrainStorage { get; }

    public string Path { get; }

    public SqliteSynchronous Synchronous { get; }

    public override string ConnectionString => _connectionString;

    /// <summary>
    /// Connections for queries that only read, outside the writers' gate: in WAL mode a reader
    /// and the one writer never wait for each other, so a long head-office query holds up no write.
    /// </summary>
    public DbDataSource Readers => _readers ??= new ReaderSource(this);

    protected override DbConnection CreateDbConnection() => new GatedConnection(_connectionString, this, gate: null);

    protected override DbConnection OpenDbConnection()
    {
        _gate.Wait();
        return OpenHolding();
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return OpenHolding();
    }

    private GatedConnection OpenHolding()
    {
        var connection = new GatedConnection(_connectionString, this, _gate);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose(); // releases the gate
            throw;
        }
    }

    internal static void Configure(SqliteConnection connection, SqliteSynchronous synchronous)
    {
        using var command = connection.CreateCommand();
        // journal_mode is stored in the file; setting it again is a no-op once WAL is on.
        command.CommandText =
            $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous.ToString().ToUpperInvariant()}; PRAGMA busy_timeout=10000;";
        command.ExecuteNonQuery();
    }

    private sealed class ReaderSource(SqliteDatabase database) : DbDataSource
    {
        public override string ConnectionString => database.ConnectionString;

        protected override DbConnection CreateDbConnection() => database.CreateDbConnection();
    }

    /// <summary>A connection that holds the file's gate from open until dispose.</summary>
    private sealed class GatedConnection(string connectionString, SqliteDatabase database, SemaphoreSlim? gate)
        : SqliteConnection(connectionString)
    {
        private SemaphoreSlim? _gate = gate;

        public override void Open()
        {
            base.Open();
            Configure(this, database.Synchronous);
        }

        protected override void Dispose(bool disposing)
        {
            try
            {
                base.Dispose(disposing);
            }
            finally
            {
                Interlocked.Exchange(ref _gate, null)?.Release();
            }
        }
    }
}
