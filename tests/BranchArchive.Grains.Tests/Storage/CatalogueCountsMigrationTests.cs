using BranchArchive.Persistence;
using BranchArchive.Persistence.Sqlite;
using BranchArchive.Testing;
using Npgsql;

namespace BranchArchive.Grains.Tests.Storage;

/// <summary>
/// An archive upgraded from before the counters were kept per shard (Postgres 018, SQLite 015):
/// its counter rows become shard 0, the key takes the shard, and the summary reads the same counts.
/// </summary>
public sealed class CatalogueCountsMigrationTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Counter_rows_from_before_become_shard_0_and_the_summary_reads_them(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await storage.ApplySchemaAsync();
        await StripToTheOldCounters(storage);
        await storage.ExecuteAsync(
            """
            INSERT INTO CatalogueCounts (Branch, Status, CustomerType, Importance, Files) VALUES
                ('SH01', 'OnShelf', 'Individual', 'Normal', 7), ('SH01', 'CheckedOut', '', 'High', 2), ('SZ01', 'OnShelf', 'Company', 'Normal', 5);
            INSERT INTO CatalogueLocationCounts (Branch, Stage, Files) VALUES ('SH01', 'AtHome', 8), ('SZ01', 'InTransit', 1), ('SZ01', 'AtHome', 5);
            """);

        await storage.ApplySchemaAsync();
        await storage.ApplySchemaAsync(); // and again over itself

        var counts = await storage.RowsAsync("SELECT Branch, Status, CustomerType, Importance, Shard, Files FROM CatalogueCounts ORDER BY Branch, Status");
        Assert.Equal(
            ["SH01,CheckedOut,,High,0,2", "SH01,OnShelf,Individual,Normal,0,7", "SZ01,OnShelf,Company,Normal,0,5"],
            counts.Select(r => string.Join(",", r)));
        Assert.Equal(3L, Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM CatalogueLocationCounts WHERE Shard = 0")));
        // The key takes the shard: another shard's row of the same key is a row of its own, summed in.
        await storage.ExecuteAsync("INSERT INTO CatalogueCounts (Branch, Status, CustomerType, Importance, Shard, Files) VALUES ('SH01', 'OnShelf', 'Individual', 'Normal', 3, -2)");
        await storage.ExecuteAsync("INSERT INTO CatalogueLocationCounts (Branch, Stage, Shard, Files) VALUES ('SZ01', 'InTransit', 5, 2)");

        await using var database = storage.OpenDataSource();
        var archive = database is NpgsqlDataSource postgres ? RelationalArchive.On(postgres) : RelationalArchive.On((SqliteDatabase)database);
        var summary = await archive.Catalogue.SummaryAsync(null, DateTimeOffset.UtcNow);
        Assert.Equal(12, summary.Total);
        Assert.Equal(5, summary.ByBranch.Single(b => b.Branch == "SH01").ByStatus["OnShelf"]);
        Assert.Equal(3, summary.ByLocation.Single(b => b.Branch == "SZ01").Arriving);
    }

    /// <summary>The counter tables as they were before: keyed without a shard.</summary>
    private static async Task StripToTheOldCounters(TestStorage storage)
    {
        await storage.ExecuteAsync(
            """
            DROP TABLE CatalogueCounts;
            CREATE TABLE CatalogueCounts (Branch TEXT NOT NULL, Status TEXT NOT NULL, CustomerType TEXT NOT NULL, Importance TEXT NOT NULL,
                                          Files BIGINT NOT NULL, PRIMARY KEY (Branch, Status, CustomerType, Importance));
            DROP TABLE CatalogueLocationCounts;
            CREATE TABLE CatalogueLocationCounts (Branch TEXT NOT NULL, Stage TEXT NOT NULL, Files BIGINT NOT NULL, PRIMARY KEY (Branch, Stage));
            """);
        await storage.ForgetAppliedSchemaAsync(); // as a database of an older build: its scripts must run again
    }
}
