using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Storage;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;

namespace BranchArchive.Grains.Tests.Files;

/// <summary>File numbers asked for at once share their stored writes, and a failed write never lets a number out twice.</summary>
public sealed class FileNumberTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Numbers_asked_for_at_once_are_distinct_and_in_sequence_and_a_failed_write_issues_none_of_its_numbers(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage, silos: 2);
        var numbers = archive.Client.GetGrain<IFileNumberGrain>(0);

        var first = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => numbers.Next()));
        Assert.Equal(Enumerable.Range(1, 300).Select(n => (long)n), first.Order());
        Assert.Equal(300L, await LastIssued(storage));
        var writes = Convert.ToInt64(await storage.ScalarAsync(
            "SELECT Version FROM OrleansStorage WHERE GrainTypeString = @state", ("@state", StateNames.FileNumbers)));
        Assert.True(writes < 300, $"{writes} writes for 300 numbers asked for at once: each should not wait for a write of its own");

        await RefuseNumberWrites(storage);
        var refused = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                return await numbers.Next();
            }
            catch (Exception)
            {
                return (long?)null;
            }
        }));
        Assert.All(refused, Assert.Null); // none answered: none stored
        Assert.Equal(300L, await LastIssued(storage));

        await storage.ExecuteAsync(kind == TestStorage.Sqlite ? "DROP TRIGGER refuse_numbers" : "DROP TRIGGER refuse_numbers ON OrleansStorage");
        var after = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => numbers.Next()));
        Assert.Equal(Enumerable.Range(301, 50).Select(n => (long)n), after.Order()); // the refused ones were never issued: no gap, no repeat
        Assert.Equal(350L, await LastIssued(storage));
    }

    private static async Task<long> LastIssued(TestStorage storage)
    {
        var payload = (byte[])(await storage.ScalarAsync(
            "SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString = @state", ("@state", StateNames.FileNumbers)))!;
        using var json = System.Text.Json.JsonDocument.Parse(payload);
        return json.RootElement.GetProperty("lastIssued").GetInt64();
    }

    private static Task<int> RefuseNumberWrites(TestStorage storage) => storage.Kind == TestStorage.Sqlite
        ? storage.ExecuteAsync(
            $"CREATE TRIGGER refuse_numbers BEFORE UPDATE ON OrleansStorage WHEN NEW.GrainTypeString = '{StateNames.FileNumbers}' BEGIN SELECT RAISE(ABORT, 'test fault'); END")
        : storage.ExecuteAsync($"""
            CREATE FUNCTION refuse_numbers() RETURNS trigger AS $$
            BEGIN IF NEW.graintypestring = '{StateNames.FileNumbers}' THEN RAISE EXCEPTION 'test fault'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER refuse_numbers BEFORE UPDATE ON OrleansStorage FOR EACH ROW EXECUTE FUNCTION refuse_numbers();
            """);
}
