using System.Data.Common;
using System.Diagnostics;
using System.Text;
using BranchArchive.Grains.Branches;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Storage;
using BranchArchive.Persistence.Serialization;
using BranchArchive.Silo.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BranchArchive.Bench;

public sealed record LoadTimings(TimeSpan Rows, TimeSpan Rebuild, TimeSpan Settle, long RowsWritten, long CatalogueLines);

/// <summary>
/// The bulk import: writes every grain's row into OrleansStorage exactly as Orleans' ADO.NET
/// provider would (same key columns, ArchiveStateSerializer's JSON, Version 1), then fills the
/// catalogue with the shipped rebuild command. Rows go in with multi-row INSERTs of a prepared
/// command inside large transactions; one row at a time would take an hour for a million files.
/// </summary>
public static class BulkLoader
{
    private const int RowsPerStatement = 250;
    private const int RowsPerTransaction = 100_000;

    public static async Task<LoadTimings> LoadAsync(BenchDatabase database, Dataset data, string serviceId, Action<string> progress)
    {
        await ArchiveMigrations.ApplyAsync(database.Settings);

        var clock = Stopwatch.StartNew();
        await using var connection = await OpenLoaderAsync(database);
        var written = await WriteRowsAsync(connection, database.IsPostgres, serviceId, Rows(data), progress);
        written += await WriteRegisterAsync(connection, data, progress);
        var rows = clock.Elapsed;

        clock.Restart();
        var lines = await CatalogueRebuild.RunAsync(database.Settings, serviceId);
        var rebuild = clock.Elapsed;
        progress($"catalogue rebuilt: {lines:N0} lines in {rebuild.TotalSeconds:F0} s");

        clock.Restart();
        await SettleAsync(connection, database.IsPostgres);
        return new LoadTimings(rows, rebuild, clock.Elapsed, written, lines);
    }

    /// <summary>Every row the grains would have written for this archive: files, cabinets, branches, the directory and the number counter.</summary>
    private static IEnumerable<(string State, string Key, byte[] Payload)> Rows(Dataset data)
    {
        var serializer = new ArchiveStateSerializer();
        byte[] Json<T>(T state) => serializer.Serialize(state).ToArray();

        // In key order: the primary-key index then grows at its right edge instead of at random
        // places, which keeps a million inserts out of the page cache's way (SQLite especially).
        foreach (var file in data.Files.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            yield return (StateNames.CustomerFile, file.Id, Json(Registered(data.State(file))));
        }
        // A cabinet's roster lists its files; registration refuses a file when the roster is full.
        var rosters = data.Files.ToLookup(f => (f.Branch, f.Cabinet), f => f.Id);
        for (var b = 0; b < data.Branches.Length; b++)
        {
            yield return (StateNames.Branch, data.Branches[b], Json(data.StateOfBranch(b)));
            for (var c = 0; c < data.Cabinets.Length; c++)
            {
                var cabinet = new CabinetState
                {
                    Branch = data.Branches[b], Code = data.Cabinets[c], Name = $"Cabinet {data.Cabinets[c]}", Capacity = data.CabinetCapacity,
                    Files = new HashSet<string>(rosters[(b, c)], StringComparer.Ordinal),
                };
                yield return (StateNames.Cabinet, $"{data.Branches[b]}/{data.Cabinets[c]}", Json(cabinet));
            }
        }
        // Integer-keyed singletons (key 0): no key extension. The counter must continue after the
        // imported numbers, or the next registration would reuse number 1.
        yield return (StateNames.BranchDirectory, "", Json(new BranchDirectoryState { Codes = new(data.Branches, StringComparer.Ordinal) }));
        yield return (StateNames.FileNumbers, "", Json(new FileNumberState { LastIssued = data.Files.Length }));
    }

    /// <summary>The state as the grain leaves it once its register entries are in the file register (<see cref="WriteRegisterAsync"/>).</summary>
    private static CustomerFileState Registered(CustomerFileState state)
    {
        state.UnwrittenLoans.Clear();
        return state;
    }

    /// <summary>Every file's past and open loans into the file register, numbered as the grain numbers them.</summary>
    private static async Task<long> WriteRegisterAsync(DbConnection connection, Dataset data, Action<string> progress)
    {
        const int RowsPerInsert = 50; // SQLite looks each parameter name up by a linear scan
        var entries = data.Files.SelectMany(file => data.State(file).UnwrittenLoans.Select((loan, i) =>
            (file.Id, loan.Loan.LoanId, Seq: (long)i + 1, Payload: System.Text.Json.JsonSerializer.Serialize(loan, ArchiveStateSerializer.Options))));
        long written = 0;
        var transaction = await connection.BeginTransactionAsync();
        foreach (var chunk in entries.Chunk(RowsPerInsert))
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            var values = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                values.Append(i == 0 ? "" : ", ").Append($"(@f{i}, 'loan', @k{i}, @s{i}, @p{i})");
                foreach (var (name, value) in new (string, object)[] { ($"@f{i}", chunk[i].Id), ($"@k{i}", chunk[i].LoanId), ($"@s{i}", chunk[i].Seq), ($"@p{i}", chunk[i].Payload) })
                {
                    var parameter = insert.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value;
                    insert.Parameters.Add(parameter);
                }
            }
            insert.CommandText = "INSERT INTO FileRegister (FileId, Kind, EntryKey, Seq, Payload) VALUES " + values;
            await insert.ExecuteNonQueryAsync();
            written += chunk.Length;
            if (written % RowsPerTransaction < RowsPerInsert)
            {
                await transaction.CommitAsync();
                await transaction.DisposeAsync();
                transaction = await connection.BeginTransactionAsync();
            }
        }
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        progress($"file register: {written:N0} loans");
        return written;
    }

    private static async Task<DbConnection> OpenLoaderAsync(BenchDatabase database)
    {
        DbConnection connection = database.IsPostgres
            ? new NpgsqlConnection(database.Settings.PostgresConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.Settings.Sqlite.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var pragmas = connection.CreateCommand();
        // An import that dies half-way is simply run again on a fresh database, so it need not
        // wait for the disk at each commit. (The archive itself runs synchronous=FULL.)
        pragmas.CommandText = database.IsPostgres
            ? "SET synchronous_commit = off"
            : "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-524288;";
        await pragmas.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<long> WriteRowsAsync(
        DbConnection connection, bool postgres, string serviceId, IEnumerable<(string State, string Key, byte[] Payload)> rows, Action<string> progress)
    {
        var clock = Stopwatch.StartNew();
        DbCommand? full = null;
        var transaction = await connection.BeginTransactionAsync();
        var batch = new List<(string State, string Key, byte[] Payload)>(RowsPerStatement);
        long written = 0;
        foreach (var row in rows)
        {
            batch.Add(row);
            if (batch.Count < RowsPerStatement)
            {
                continue;
            }
            full ??= await PrepareAsync(connection, postgres, serviceId, batch);
            await ExecuteAsync(full, transaction, batch);
            written += batch.Count;
            batch.Clear();
            if (written % RowsPerTransaction == 0)
            {
                await transaction.CommitAsync();
                await transaction.DisposeAsync();
                transaction = await connection.BeginTransactionAsync();
                progress($"rows: {written:N0} ({written / clock.Elapsed.TotalSeconds:N0}/s)");
            }
        }
        if (batch.Count > 0)
        {
            await using var rest = await PrepareAsync(connection, postgres, serviceId, batch);
            await ExecuteAsync(rest, transaction, batch);
            written += batch.Count;
        }
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        if (full is not null)
        {
            await full.DisposeAsync();
        }
        progress($"rows: {written:N0} in {clock.Elapsed.TotalSeconds:F0} s");
        return written;
    }

    /// <summary>One INSERT of <paramref name="batch"/>.Count rows; the constant columns are literals, the rest parameters.</summary>
    private static async Task<DbCommand> PrepareAsync(DbConnection connection, bool postgres, string serviceId, List<(string State, string Key, byte[] Payload)> batch)
    {
        var modified = postgres ? "now()" : "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
        var sql = new StringBuilder(
            "INSERT INTO OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, GrainIdHash, GrainTypeHash, PayloadBinary, ModifiedOn, Version) VALUES ");
        var command = connection.CreateCommand();
        Add(command, "@service", serviceId);
        for (var i = 0; i < batch.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append($"(@service, @s{i}, 0, 0, @k{i}, 0, 0, @p{i}, {modified}, 1)");
            Add(command, $"@s{i}", batch[i].State);
            Add(command, $"@k{i}", batch[i].Key);
            Add(command, $"@p{i}", batch[i].Payload);
        }
        command.CommandText = sql.ToString();
        await command.PrepareAsync();
        return command;

        static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    private static async Task ExecuteAsync(DbCommand command, DbTransaction transaction, List<(string State, string Key, byte[] Payload)> batch)
    {
        command.Transaction = transaction;
        for (var i = 0; i < batch.Count; i++)
        {
            command.Parameters[1 + 3 * i].Value = batch[i].State;
            command.Parameters[2 + 3 * i].Value = batch[i].Key;
            command.Parameters[3 + 3 * i].Value = batch[i].Payload;
        }
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// What an operator does after an import: SQLite folds the write-ahead log (gigabytes after a
    /// rebuild, which held a reader open throughout) into the database; PostgreSQL gets the
    /// visibility map and statistics autovacuum would produce within minutes.
    /// </summary>
    private static async Task SettleAsync(DbConnection connection, bool postgres)
    {
        // VACUUM refuses to run inside a transaction, which a multi-statement command would be.
        string[] statements = postgres
            ? ["VACUUM ANALYZE OrleansStorage", "VACUUM ANALYZE CatalogueFiles", "VACUUM ANALYZE CatalogueTags", "VACUUM ANALYZE CatalogueCounts", "VACUUM ANALYZE FileRegister"]
            : ["PRAGMA wal_checkpoint(TRUNCATE)"];
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandTimeout = 0;
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
    }
}
