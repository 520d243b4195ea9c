using BranchArchive.Persistence.Postgres;
using BranchArchive.Testing;
using Npgsql;

namespace BranchArchive.Grains.Tests.Storage;

public sealed class PostgresSchemaTests
{
    /// <summary>
    /// Silos apply the schema on every start; once this build's scripts are applied they are not
    /// run again, and a database an older build brought up to date gets them all.
    /// </summary>
    [SkippableFact]
    public async Task Scripts_run_once_per_build_and_again_for_a_database_of_an_older_build()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var database = NpgsqlDataSource.Create(storage.Settings.PostgresConnectionString!);
        await PostgresSchema.ApplyAsync(database);
        Assert.Equal(PostgresSchema.Fingerprint, await storage.ScalarAsync("SELECT Fingerprint FROM ArchiveSchema"));

        await storage.ExecuteAsync("DROP INDEX IX_LoanNotices_Recipient");
        await PostgresSchema.ApplyAsync(database);
        Assert.Equal(0L, await IndexCount(storage)); // this build's scripts ran before: not again

        await storage.ForgetAppliedSchemaAsync();
        await PostgresSchema.ApplyAsync(database);
        Assert.Equal(1L, await IndexCount(storage));
        Assert.Equal(1L, await storage.ScalarAsync("SELECT COUNT(*) FROM ArchiveSchema"));
    }

    private static Task<object?> IndexCount(TestStorage storage) =>
        storage.ScalarAsync("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'ix_loannotices_recipient'");
}
