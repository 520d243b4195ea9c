using System.Globalization;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Imports;
using BranchArchive.Grains.Imports;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Imports;

/// <summary>An import cut off by a cluster stop goes on in the next cluster, and no row becomes two files.</summary>
public sealed class ImportResumeTests
{
    // Six batches of 25: the first cluster stops after the first, and the stop itself lets at most
    // one or two more finish (checked below), so the second cluster has batches left to resume. One
    // silo each: the job resumes across clusters, not across silos (the shared clusters have two).
    private const int Rows = 150, Batch = 25;

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_job_stopped_midway_resumes_in_a_new_cluster_and_a_second_import_of_the_same_rows_finds_only_duplicates(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        static void SmallBatches(ISiloBuilder silo) => silo.Services.Configure<ImportOptions>(o => o.BatchSize = Batch);
        string branch;
        StartImportCommand command;
        IImportJobGrain job;
        ImportJob seen;
        await using (var first = await ArchiveCluster.StartAsync(storage, configure: SmallBatches))
        {
            branch = await Archive.OpenBranchWithCabinet(first.Client, capacity: 1000);
            await Archive.AddCabinet(first.Client, branch, "C02", capacity: 1000);
            await Archive.AddCabinet(first.Client, branch, "C03", capacity: 1000);
            command = ImportTests.Command(ImportCsvFactory.Create(Rows, 3, tag: branch), null);
            job = first.Client.GetGrain<IImportJobGrain>(ImportIds.Job(Archive.Clerk(branch).Subject, null, command.Digest));
            (await job.Start(command, Archive.Clerk(branch))).AssertSucceeded();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            do
            {
                seen = (await job.Get(Archive.Archivist)).AssertSucceeded();
                Assert.True(DateTime.UtcNow < deadline, "The import did not get going.");
                await Task.Delay(20);
            }
            while (seen.RowsDone < Batch);
        }
        Assert.Equal(ImportState.Running, seen.State); // stopped midway
        var filedBeforeTheStop = await CatalogueCount(storage, branch);
        Assert.True(filedBeforeTheStop < Rows, $"The import finished ({filedBeforeTheStop} rows filed) before its cluster stopped: nothing was left to resume.");

        await using var second = await ArchiveCluster.StartAsync(storage, configure: SmallBatches);
        job = second.Client.GetGrain<IImportJobGrain>(job.GetPrimaryKeyString());
        var (done, _) = await ImportTests.WaitAsync(job, Archive.Archivist);
        Assert.Equal((ImportState.Completed, Rows, Rows, 0, 0), (done.State, done.RowsDone, done.Imported, done.Duplicates, done.Errors));
        Assert.Equal(Rows, await CatalogueCount(storage, branch));
        var cabinets = await Task.WhenAll(new[] { "C01", "C02", "C03" }.Select(c =>
            second.Client.GetGrain<Contracts.Branches.ICabinetGrain>(Contracts.Branches.CabinetKeys.Of(branch, c)).Get(Archive.Archivist)));
        Assert.Equal(Rows, cabinets.Sum(c => c.AssertSucceeded().Occupied));

        // Someone else sends the same export: a new job, whose every row is a customer already filed.
        var manager = new Contracts.Access.Actor("manager." + branch, Contracts.Access.StaffRoles.Manager, branch);
        var other = second.Client.GetGrain<IImportJobGrain>(ImportIds.Job(manager.Subject, null, command.Digest));
        (await other.Start(command, manager)).AssertSucceeded();
        var (repeat, _) = await ImportTests.WaitAsync(other, manager);
        Assert.Equal((Rows, 0, Rows), (repeat.RowsDone, repeat.Imported, repeat.Duplicates));
        var report = (await other.GetReport(manager)).AssertSucceeded();
        Assert.Equal(ImportIds.File(job.GetPrimaryKeyString(), 42), report.Issues.Single(i => i.Row == 42).DuplicateOfFile);
        Assert.Equal(Rows, await CatalogueCount(storage, branch));
    }

    private static async Task<long> CatalogueCount(TestStorage storage, string branch) =>
        Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM CatalogueFiles WHERE Branch = @b", ("@b", branch)), CultureInfo.InvariantCulture);
}
