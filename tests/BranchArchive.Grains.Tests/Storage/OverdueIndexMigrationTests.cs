using System.Globalization;
using BranchArchive.Testing;

namespace BranchArchive.Grains.Tests.Storage;

/// <summary>
/// An archive upgraded from before the overdue index carried the branch (Postgres 019, SQLite 017):
/// the older index is dropped and the one with the branch takes its place, so a checkout still
/// maintains one overdue index, and the summary's count by branch reads the index alone.
/// </summary>
public sealed class OverdueIndexMigrationTests
{
    private const string Older = "IX_CatalogueFiles_OverdueCount", OlderOnPostgres = "IX_CatalogueFiles_Overdue", Now = "IX_CatalogueFiles_OverdueByBranch";

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task The_older_overdue_index_gives_way_to_the_one_with_the_branch(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await storage.ApplySchemaAsync();
        Assert.Equal((true, false), (await Exists(storage, Now), await Exists(storage, OlderFor(kind))));

        // As a database of the build before: the older index, not the new one.
        var older = OlderFor(kind);
        await storage.ExecuteAsync($"DROP INDEX {Now}; CREATE INDEX {older} ON CatalogueFiles (Status, DueAt) WHERE DueAt IS NOT NULL");
        await storage.ForgetAppliedSchemaAsync();
        await storage.ApplySchemaAsync();
        await storage.ApplySchemaAsync(); // and again over itself

        Assert.Equal((true, false), (await Exists(storage, Now), await Exists(storage, older)));
    }

    private static string OlderFor(string kind) => kind == TestStorage.Postgres ? OlderOnPostgres : Older;

    private static async Task<bool> Exists(TestStorage storage, string index) => Convert.ToInt64(await storage.ScalarAsync(
        storage.Kind == TestStorage.Postgres
            ? "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = lower(@name)"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = @name",
        ("@name", index)), CultureInfo.InvariantCulture) == 1;
}
