using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Retention;
using BranchArchive.Persistence.Serialization;
using BranchArchive.Persistence.Sqlite;
using BranchArchive.Testing;

namespace BranchArchive.Grains.Tests.Storage;

/// <summary>
/// An archive upgraded from before the catalogue kept where files are: its lines get the holding
/// branch, destination and stage from the stored file states, by the rule the grains use
/// (<see cref="CirculationRules.WhereaboutsOf"/>), and the counts by place start right.
/// </summary>
public sealed class CatalogueWhereaboutsMigrationTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Lines_written_before_the_upgrade_are_filled_from_the_stored_files(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await storage.ApplySchemaAsync();
        await StripToTheOldCatalogue(storage);
        var files = Journey().Select((state, i) => (Id: FileIds.New(), State: state, Number: 9_000_000L + i)).ToList();
        foreach (var (id, state, number) in files)
        {
            await StoreOldLine(storage, id, state, number);
        }

        await storage.ApplySchemaAsync();
        await storage.ApplySchemaAsync(); // and again over itself: the fill runs once

        foreach (var (id, state, _) in files)
        {
            var expected = CatalogueLines.From(id, state, new RetentionOptions()).Where;
            var stored = await Line(storage, id);
            Assert.Equal(expected, stored);
        }
        Assert.Equal(Enum.GetValues<CirculationStage>().Length, files.Select(f => CatalogueLines.From(f.Id, f.State, new RetentionOptions()).Where.Stage).Distinct().Count());
        Assert.Equal(2L, Convert.ToInt64(await storage.ScalarAsync("SELECT Files FROM CatalogueLocationCounts WHERE Branch = 'SZ01' AND Stage = 'InTransit'")));
        Assert.Equal((long)files.Count, Convert.ToInt64(await storage.ScalarAsync("SELECT SUM(Files) FROM CatalogueLocationCounts")));
    }

    /// <summary>A file at each stage of a journey between SH01 (home) and SZ01 (the requester), as the grain stores it.</summary>
    private static IEnumerable<CustomerFileState> Journey()
    {
        var now = DateTimeOffset.UtcNow;
        var request = new FileRequest("r1", "reader.b", "SZ01", "Credit review", 7, now, "clerk.sz01");
        CustomerFileState File(FileStatus status) => new() { Branch = "SH01", Cabinet = "C01", Status = status, Version = 3, UpdatedAt = now };
        yield return File(FileStatus.OnShelf);
        yield return File(FileStatus.CheckedOut);
        var requested = File(FileStatus.OnShelf);
        requested.Requests.Add(request);
        yield return requested;
        var sent = File(FileStatus.InTransit);
        sent.Transit = new TransitLeg("SH01", "SZ01", TransitDirection.ToRequester, "r1", "EMS-1", "clerk.sh01", now);
        sent.Requests.Add(request);
        yield return sent;
        var arrived = File(FileStatus.AwaitingPickup);
        (arrived.AwayAt, arrived.HeldFor) = ("SZ01", "r1");
        arrived.Requests.Add(request);
        yield return arrived;
        var lent = File(FileStatus.CheckedOut);
        lent.AwayAt = "SZ01";
        yield return lent;
        var used = File(FileStatus.AwaitingDispatch);
        used.AwayAt = "SZ01";
        yield return used;
        var goingHome = File(FileStatus.InTransit);
        goingHome.Transit = new TransitLeg("SZ01", "SH01", TransitDirection.Home, null, "EMS-2", "clerk.sz01", now);
        yield return goingHome;
        var secondArrival = File(FileStatus.InTransit);
        secondArrival.Transit = new TransitLeg("SH01", "SZ01", TransitDirection.ToRequester, "r1", "EMS-3", "clerk.sh01", now);
        yield return secondArrival;
    }

    /// <summary>The catalogue as it was before: without the columns, their indexes and the counts by place.</summary>
    private static async Task StripToTheOldCatalogue(TestStorage storage)
    {
        await storage.ExecuteAsync("DROP INDEX IX_CatalogueFiles_Location");
        await storage.ExecuteAsync("DROP INDEX IX_CatalogueFiles_Destination");
        await storage.ExecuteAsync("DROP TABLE CatalogueLocationCounts");
        foreach (var column in new[] { "Location", "Destination", "CirculationStage" })
        {
            await storage.ExecuteAsync($"ALTER TABLE CatalogueFiles DROP COLUMN {column}");
        }
        await storage.ForgetAppliedSchemaAsync(); // as a database of an older build: its scripts must run again
    }

    private static async Task StoreOldLine(TestStorage storage, string id, CustomerFileState state, long number)
    {
        var payload = new ArchiveStateSerializer().Serialize(state).ToArray();
        await storage.ExecuteAsync(
            """
            INSERT INTO OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, GrainIdHash, GrainTypeHash, PayloadBinary, ModifiedOn, Version)
            VALUES ('branch-archive', 'customer-file', 0, 0, @id, 0, 0, @payload, CURRENT_TIMESTAMP, 1)
            """, ("@id", id), ("@payload", payload));
        await storage.ExecuteAsync(
            """
            INSERT INTO CatalogueFiles (FileId, FileNumber, Version, CustomerName, NameKey, CustomerType, Importance, Sensitivity, Status, Branch, Cabinet, DueAt, UpdatedAt)
            VALUES (@id, @number, 3, NULL, '', '', 'Normal', 'Internal', @status, 'SH01', 'C01', NULL, '2026-12-01T00:00:00.0000000Z')
            """, ("@id", id), ("@number", number), ("@status", state.Status.ToString()));
    }

    private static async Task<Whereabouts> Line(TestStorage storage, string id)
    {
        await using var database = storage.OpenDataSource();
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT CirculationStage, Location, Destination FROM CatalogueFiles WHERE FileId = @id";
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("@id", id);
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new Whereabouts(Enum.Parse<CirculationStage>(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2));
    }
}

/// <summary>The work queues' searches walk an index in file-number order, as every other filter does (docs/architecture.md).</summary>
public sealed class CatalogueWhereaboutsPlanTests
{
    [Theory]
    [InlineData("f.Location = 'SZ01' AND f.CirculationStage = 'AwaitingPickup'", "IX_CatalogueFiles_Location", true)]
    [InlineData("f.Destination IS NOT NULL AND f.Destination = 'SZ01' AND f.CirculationStage = 'InTransit'", "IX_CatalogueFiles_Destination", true)]
    // All a branch holds, whatever the stage: found by the index, sorted (as a home branch's files are).
    [InlineData("f.Location = 'SZ01'", "IX_CatalogueFiles_Location", false)]
    public async Task A_search_by_place_is_served_by_its_index_on_SQLite(string where, string index, bool inIndexOrder)
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var database = new SqliteDatabase(storage.Settings.Sqlite.Path);
        await SqliteSchema.ApplyAsync(database);
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"EXPLAIN QUERY PLAN SELECT FileId FROM CatalogueFiles f WHERE {where} ORDER BY f.FileNumber LIMIT 50";
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, step => step.Contains($"INDEX {index}", StringComparison.Ordinal));
        Assert.Equal(inIndexOrder, !plan.Any(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal))); // no sort: the index's order
    }
}
