using BranchArchive.Testing;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Persistence.Sqlite;

namespace BranchArchive.Grains.Tests.Storage;

public sealed class SqliteSchemaTests
{
    [Fact]
    public async Task The_schema_applies_again_over_itself_and_keeps_the_rows()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var database = new SqliteDatabase(storage.Settings.Sqlite.Path);
        await SqliteSchema.ApplyAsync(database);
        await storage.ExecuteAsync(
            "INSERT INTO OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdHash, GrainTypeHash, ModifiedOn, Version) VALUES ('s', 't', 0, 0, 0, 0, 'now', 1)");

        await SqliteSchema.ApplyAsync(database);

        Assert.Equal(1L, await Scalar(database, "SELECT COUNT(*) FROM OrleansStorage"));
        Assert.Equal(4L, await Scalar(database, "SELECT COUNT(*) FROM OrleansQuery"));
    }

    [Theory]
    [InlineData(SqliteSynchronous.Full, 2L)]
    [InlineData(SqliteSynchronous.Normal, 1L)]
    public async Task Connections_run_in_WAL_mode_with_the_configured_synchronous_setting(SqliteSynchronous setting, long expected)
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var database = new SqliteDatabase(storage.Settings.Sqlite.Path, setting);
        await SqliteSchema.ApplyAsync(database);

        Assert.Equal("wal", await Scalar(database, "PRAGMA journal_mode"));
        Assert.Equal(expected, await Scalar(database, "PRAGMA synchronous"));
    }

    private static async Task<object?> Scalar(SqliteDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
