using System.Data.Common;
using BranchArchive.Persistence.Sqlite;
using BranchArchive.Silo.Hosting;
using Npgsql;

namespace BranchArchive.Testing;

/// <summary>A fresh archive database of either kind, for one test or one shared fixture.</summary>
public sealed class TestStorage : IAsyncDisposable
{
    public const string Sqlite = ArchiveStorageSettings.SqliteKind;
    public const string Postgres = ArchiveStorageSettings.PostgresKind;

    private TestStorage(ArchiveStorageSettings settings)
    {
        Settings = settings;
        CheckpointKey = settings.Kind == Postgres ? Grains.Audit.CheckpointKeys.NewKeyPem() : null;
    }

    public ArchiveStorageSettings Settings { get; }

    public string Kind => Settings.Kind;

    /// <summary>
    /// The key this archive signs its audit checkpoints with, as production sets it (PostgreSQL
    /// needs one); null on SQLite, where the archive generates one beside the file.
    /// </summary>
    public string? CheckpointKey { get; private set; }

    /// <summary>
    /// A restored database is opened with the key of the archive it came from, restored from the
    /// key's own backup (docs/operations.md): its checkpoints verify only against that key.
    /// </summary>
    public void RestoreCheckpointKeyOf(TestStorage original)
    {
        CheckpointKey = original.CheckpointKey;
        if (Kind == Sqlite)
        {
            var key = Grains.Audit.AuditCheckpointOptions.GeneratedKeyFileName;
            File.Copy(Path.Combine(Path.GetDirectoryName(original.Settings.Sqlite.Path)!, key),
                Path.Combine(Path.GetDirectoryName(Settings.Sqlite.Path)!, key), overwrite: true);
        }
    }

    /// <param name="empty">
    /// PostgreSQL: a database with no schema at all (where a dump is restored), instead of a copy
    /// of the current schema. A new SQLite file is empty either way.
    /// </param>
    public static async Task<TestStorage> CreateAsync(string kind, bool empty = false) => kind switch
    {
        Sqlite => new TestStorage(ArchiveStorageSettings.SqliteFile(
            Path.Combine(Path.GetTempPath(), "branch-archive-tests", Guid.NewGuid().ToString("N"), "archive.db"))),
        Postgres => new TestStorage(ArchiveStorageSettings.PostgresDatabase(await PostgresTestServer.CreateDatabaseAsync(empty))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The configuration keys that point an archive process at this database.</summary>
    public Dictionary<string, string?> ToConfiguration() => Kind == Postgres
        ? new()
        {
            ["Cluster:Storage"] = Postgres, ["ConnectionStrings:Archive"] = Settings.PostgresConnectionString,
            ["Audit:Checkpoints:SigningKey"] = CheckpointKey,
        }
        : new() { ["Cluster:Storage"] = Sqlite, ["Cluster:Sqlite:Path"] = Settings.Sqlite.Path };

    /// <summary>Direct access to the database, as another writer (or an attacker with the file) would have.</summary>
    public DbDataSource OpenDataSource() => Kind == Postgres
        ? NpgsqlDataSource.Create(Settings.PostgresConnectionString!)
        : new SqliteDatabase(Settings.Sqlite.Path);

    /// <summary>Runs the schema scripts on this database, as a starting silo does (an upgrade, after a test made it look older).</summary>
    public async Task ApplySchemaAsync()
    {
        if (Kind == Postgres)
        {
            await using var database = NpgsqlDataSource.Create(Settings.PostgresConnectionString!);
            await BranchArchive.Persistence.Postgres.PostgresSchema.ApplyAsync(database);
        }
        else
        {
            await using var database = new SqliteDatabase(Settings.Sqlite.Path);
            await SqliteSchema.ApplyAsync(database);
        }
    }

    /// <summary>
    /// Makes the database look like one an older build brought up to date (PostgreSQL records the
    /// fingerprint of the scripts it applied and skips them while it matches; SQLite keeps none).
    /// </summary>
    public async Task ForgetAppliedSchemaAsync()
    {
        if (Kind == Postgres)
        {
            await ExecuteAsync("DELETE FROM ArchiveSchema");
        }
    }

    public Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters) =>
        WithCommand(sql, parameters, command => command.ExecuteNonQueryAsync());

    public Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        WithCommand(sql, parameters, command => command.ExecuteScalarAsync());

    /// <summary>Every row the query answers, each as its column values.</summary>
    public Task<List<object[]>> RowsAsync(string sql, params (string Name, object Value)[] parameters) =>
        WithCommand(sql, parameters, async command =>
        {
            var rows = new List<object[]>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(values);
            }
            return rows;
        });

    private async Task<T> WithCommand<T>(string sql, (string Name, object Value)[] parameters, Func<DbCommand, Task<T>> run)
    {
        await using var database = OpenDataSource();
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return await run(command);
    }

    public async ValueTask DisposeAsync()
    {
        if (Kind == Postgres)
        {
            await PostgresTestServer.DropDatabaseAsync(Settings.PostgresConnectionString!);
        }
    }
}
