using System.Data.Common;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Persistence;
using BranchArchive.Persistence.Sqlite;
using BranchArchive.Silo.Hosting;
using Npgsql;

namespace BranchArchive.Bench;

/// <summary>A fresh, empty archive database for one run: a SQLite file in its own folder, or a new PostgreSQL database.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    /// <summary>The server .ci/postgres.sh starts; BRANCHARCHIVE_BENCH_POSTGRES overrides it (loopback only, please).</summary>
    public static readonly string PostgresServer = Environment.GetEnvironmentVariable("BRANCHARCHIVE_BENCH_POSTGRES") is { Length: > 0 } configured
        ? configured
        : "Host=127.0.0.1;Port=5432;Username=branch_archive_test;Password=branch_archive_test;Database=postgres";

    private readonly bool _keep;
    private readonly string? _folder;

    private BenchDatabase(ArchiveStorageSettings settings, bool keep, string? folder)
    {
        Settings = settings;
        _keep = keep;
        _folder = folder;
    }

    public ArchiveStorageSettings Settings { get; }

    public bool IsPostgres => Settings.Kind == ArchiveStorageSettings.PostgresKind;

    /// <summary>Where the data is, for the report and for a look afterwards with <c>--keep</c>.</summary>
    public string Location => IsPostgres ? new NpgsqlConnectionStringBuilder(Settings.PostgresConnectionString).Database! : Settings.Sqlite.Path;

    public static async Task<BenchDatabase> CreateAsync(string storage, string dataFolder, bool keep)
    {
        if (storage == "postgres")
        {
            var name = $"ba_bench_{Guid.NewGuid():N}";
            await using var server = new NpgsqlConnection(PostgresServer);
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", server);
            await create.ExecuteNonQueryAsync();
            var connection = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
            return new BenchDatabase(ArchiveStorageSettings.PostgresDatabase(connection), keep, null);
        }
        var folder = Path.Combine(Path.GetFullPath(dataFolder), $"sqlite-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(folder);
        return new BenchDatabase(ArchiveStorageSettings.SqliteFile(Path.Combine(folder, "archive.db")), keep, folder);
    }

    /// <summary>A database an earlier run kept (<c>--keep</c>); never dropped.</summary>
    public static BenchDatabase Existing(string storage, string database) => storage == "postgres"
        ? new(ArchiveStorageSettings.PostgresDatabase(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ConnectionString), keep: true, null)
        : new(ArchiveStorageSettings.SqliteFile(database), keep: true, Path.GetDirectoryName(Path.GetFullPath(database)));

    /// <summary>PostgreSQL needs a configured checkpoint key; a benchmark's database is thrown away, and so is its key.</summary>
    private readonly string _checkpointKey = Grains.Audit.CheckpointKeys.NewKeyPem();

    /// <summary>The configuration keys that point the API's embedded silo at this database.</summary>

    public Dictionary<string, string?> ToConfiguration() => IsPostgres
        ? new()
        {
            ["Cluster:Storage"] = "Postgres", ["ConnectionStrings:Archive"] = Settings.PostgresConnectionString,
            ["Audit:Checkpoints:SigningKey"] = _checkpointKey,
        }
        : new() { ["Cluster:Storage"] = "Sqlite", ["Cluster:Sqlite:Path"] = Settings.Sqlite.Path };

    /// <summary>A data source like the silo's own (for SQLite the same gated connections, the same durability).</summary>
    public DbDataSource OpenDataSource() => IsPostgres
        ? NpgsqlDataSource.Create(Settings.PostgresConnectionString!)
        : new SqliteDatabase(Settings.Sqlite.Path, Settings.Sqlite.Synchronous);

    /// <summary>The catalogue exactly as the silo builds it (ArchiveStorageSiloBuilderExtensions).</summary>
    public ICatalogue Catalogue(DbDataSource source) =>
        (source is SqliteDatabase sqlite ? RelationalArchive.On(sqlite) : RelationalArchive.On((NpgsqlDataSource)source)).Catalogue;

    /// <summary>The server's version for the report; for SQLite also the durability the archive runs with.</summary>
    public async Task<string> VersionAsync()
    {
        await using var source = OpenDataSource();
        await using var connection = await source.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = IsPostgres ? "SELECT version()" : "SELECT 'SQLite ' || sqlite_version()";
        var text = (string)(await command.ExecuteScalarAsync())!;
        return IsPostgres ? text.Split(',')[0] : $"{text} (Microsoft.Data.Sqlite), WAL, synchronous=FULL";
    }

    public async Task<long> SizeBytesAsync()
    {
        if (!IsPostgres)
        {
            return new DirectoryInfo(_folder!).GetFiles().Sum(f => f.Length);
        }
        await using var connection = new NpgsqlConnection(Settings.PostgresConnectionString);
        await connection.OpenAsync();
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await size.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep)
        {
            Console.WriteLine($"Kept the database: {Location}");
            return;
        }
        if (IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var server = new NpgsqlConnection(PostgresServer);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Location} WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder!, recursive: true);
        }
    }
}
