using System.Diagnostics;
using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>
/// Backups taken while the archive runs, as docs/operations.md says, restored into a fresh
/// database: the archive serves every acknowledged change from them, and its audit chain verifies
/// with every entry the original had.
/// </summary>
public sealed class BackupRestoreTests
{
    [SkippableFact]
    public async Task A_pg_dump_restored_with_pg_restore_into_a_fresh_database_serves_the_archive_with_its_audit_chain_intact()
    {
        var settings = await ArchiveSettings.FreshAsync(TestStorage.Postgres);
        await using var original = settings.Storage;
        var dump = Path.Combine(Path.GetTempPath(), $"branch-archive-{Guid.NewGuid():N}.dump");
        DurabilityTests.Acknowledged acknowledged;
        long entries;
        await using (var running = await ArchiveHost.StartAsync(settings))
        {
            acknowledged = await DurabilityTests.MakeChanges(running.Client);
            entries = await VerifiedEntries(running.Client);
            await RunAsync("pg_dump", settings.Storage.Settings.PostgresConnectionString!, "--format=custom", "--no-owner", $"--file={dump}");
        }

        await using var fresh = await TestStorage.CreateAsync(TestStorage.Postgres, empty: true); // as an operator creates it for pg_restore
        var database = new NpgsqlConnectionStringBuilder(fresh.Settings.PostgresConnectionString).Database;
        await RunAsync("pg_restore", fresh.Settings.PostgresConnectionString!, "--no-owner", "--exit-on-error", $"--dbname={database}", dump);
        File.Delete(dump);
        fresh.RestoreCheckpointKeyOf(original);
        await AssertServedFrom(settings with { Storage = fresh }, acknowledged, entries);
    }

    [SkippableFact]
    public async Task An_online_sqlite_backup_put_in_place_of_the_file_serves_the_archive_with_its_audit_chain_intact()
    {
        var settings = await ArchiveSettings.FreshAsync(TestStorage.Sqlite);
        await using var restored = await TestStorage.CreateAsync(TestStorage.Sqlite);
        DurabilityTests.Acknowledged acknowledged;
        long entries;
        await using (var running = await ArchiveHost.StartAsync(settings))
        {
            acknowledged = await DurabilityTests.MakeChanges(running.Client);
            entries = await VerifiedEntries(running.Client);
            // SQLite's online backup (what `sqlite3 archive.db ".backup …"` runs): a consistent
            // copy, the WAL's committed pages included, while the archive keeps writing.
            Directory.CreateDirectory(Path.GetDirectoryName(restored.Settings.Sqlite.Path)!);
            await using var source = new SqliteConnection($"Data Source={settings.Storage.Settings.Sqlite.Path};Mode=ReadOnly;Pooling=False");
            await using var target = new SqliteConnection($"Data Source={restored.Settings.Sqlite.Path};Pooling=False");
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }
        restored.RestoreCheckpointKeyOf(settings.Storage);

        await AssertServedFrom(settings with { Storage = restored }, acknowledged, entries);
    }

    private static async Task AssertServedFrom(ArchiveSettings restored, DurabilityTests.Acknowledged acknowledged, long entries)
    {
        await using var archive = await ArchiveHost.StartAsync(restored);
        Assert.Equal(entries, await VerifiedEntries(archive.Client));
        await DurabilityTests.AssertReadBack(archive.Client, acknowledged);
        Assert.True(await VerifiedEntries(archive.Client) > entries, "The restored archive took no new audit entries.");
    }

    /// <summary>GET /api/audit/verify: the chain must be intact; answers how many entries it holds.</summary>
    private static async Task<long> VerifiedEntries(ArchiveClient api)
    {
        var verification = await Expect(HttpStatusCode.OK, api.Get("/api/audit/verify", await api.Archivist()));
        Assert.True(verification.GetProperty("intact").GetBoolean(), verification.ToString());
        return verification.GetProperty("entriesChecked").GetInt64();
    }

    /// <summary>A PostgreSQL client tool against the database of the connection string (libpq's PG* variables).</summary>
    private static async Task RunAsync(string tool, string connectionString, params string[] arguments)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password;
        start.Environment["PGDATABASE"] = connection.Database;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {await errors}");
    }
}
