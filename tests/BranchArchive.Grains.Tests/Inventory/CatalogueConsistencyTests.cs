using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Silo.Hosting;
using BranchArchive.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace BranchArchive.Grains.Tests.Inventory;

public sealed class CatalogueConsistencyTests(ITestOutputHelper output)
{
    /// <summary>
    /// Concurrent random operations on many files, on both stores: every line agrees with its file,
    /// and a rebuild from the stored files changes nothing. The same under a killed silo, with
    /// thousands of operations, is CatalogueFailoverTests in BranchArchive.Cluster.Tests (the
    /// production topology: silo processes on PostgreSQL, one killed with SIGKILL).
    /// </summary>
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task After_hundreds_of_concurrent_random_operations_the_catalogue_agrees_with_every_file_and_a_rebuild_changes_nothing(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage, silos: 2);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client, capacity: 10_000);
        var files = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            files.Add((await Archive.RegisterFile(archive.Client, branch)).GetPrimaryKeyString());
        }
        // Five operations per file, a dozen at once: files lent, returned intact and damaged, and
        // registered, with operations on one file racing each other.
        var random = new Random(20261123);
        var operations = Enumerable.Range(0, 300).Select(_ => (File: files[random.Next(files.Count)], Roll: random.Next(100))).ToList();
        var registered = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = 12 },
            async (operation, _) => await Apply(archive.Client, branch, operation.File, operation.Roll, registered));

        var problems = await CatalogueComparison.Disagreements(archive.Client, branch, files.Concat(registered));
        output.WriteLine($"{kind}: {operations.Count} operations, {registered.Count} registrations; {problems.Count} disagreements.");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(10)));

        var before = await CatalogueComparison.AllLines(archive.Client, branch);
        var rebuilt = await CatalogueRebuild.RunAsync(storage.Settings, ArchiveCluster.ServiceId);
        var after = await CatalogueComparison.AllLines(archive.Client, branch);
        Assert.Equal(files.Count + registered.Count, rebuilt);
        Assert.Equal(before, after);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_line_left_behind_is_written_again_by_its_file_once_the_sweeper_wakes_it(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        string branch, id;
        await using (var first = await ArchiveCluster.StartAsync(storage))
        {
            branch = await Archive.OpenBranchWithCabinet(first.Client);
            var file = await Archive.RegisterFile(first.Client, branch);
            id = file.GetPrimaryKeyString();
            (await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();
        }
        // Changes commit with their lines; a line falls behind only outside them (a rebuild run
        // meanwhile, rows of an earlier build): here, its version is set back by hand.
        var version = Convert.ToInt64(await storage.ScalarAsync("SELECT Version FROM CatalogueFiles WHERE FileId = @id", ("@id", id)));
        await storage.ExecuteAsync("UPDATE CatalogueFiles SET Version = Version - 1 WHERE FileId = @id", ("@id", id));

        // Nobody touches the file: the sweeper, started with the silos, finds it behind once its
        // first sweep is due (grain timers run on the silos' clock, which the test moves).
        await using var second = await ArchiveCluster.StartAsync(storage, clock: new FakeTimeProvider(MovedClock.Beginning));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Convert.ToInt64(await storage.ScalarAsync("SELECT Version FROM CatalogueFiles WHERE FileId = @id", ("@id", id))) != version)
        {
            second.Clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(100, deadline.Token);
        }
        Assert.Equal(FileStatus.CheckedOut, Assert.Single(await CatalogueComparison.AllLines(second.Client, branch)).Status);
        Assert.Empty(await CatalogueComparison.Disagreements(second.Client, branch, [id]));
        Assert.Equal(0, await second.Client.GetGrain<ICatalogueSweeperGrain>(0).Sweep());
    }

    /// <summary>One random act on a file: mostly checkouts and returns, sometimes a new file.</summary>
    private static async Task Apply(IClusterClient client, string branch, string fileId, int roll,
        System.Collections.Concurrent.ConcurrentQueue<string> registered)
    {
        var file = client.GetGrain<ICustomerFileGrain>(fileId);
        var clerk = Archive.Clerk(branch);
        if (roll < 5)
        {
            registered.Enqueue((await Archive.RegisterFile(client, branch)).GetPrimaryKeyString());
            return;
        }
        var state = (await file.Get(clerk)).AssertSucceeded();
        if (state.Loan is { } loan)
        {
            var condition = roll < 8 ? ReturnCondition.Damaged : ReturnCondition.Intact;
            await file.Return(new ReturnCommand(loan.LoanId, condition, null), clerk, null);
        }
        else
        {
            await file.CheckOut(Archive.Checkout(days: 1 + roll % 30), clerk, null);
        }
    }
}
